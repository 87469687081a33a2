namespace ControlPlane.Testing.Route53;

/// <summary>Route 53's listing order: names compared label by label from the right, then type, then set identifier.</summary>
internal sealed class ListingOrder : IComparer<FakeRecordSet>
{
    public static ListingOrder Instance { get; } = new();

    public int Compare(FakeRecordSet? x, FakeRecordSet? y) =>
        Compare((x!.Name, x.Type, x.SetIdentifier), (y!.Name, y.Type, y.SetIdentifier));

    public static int Compare((string Name, string? Type, string? SetIdentifier) x, (string Name, string? Type, string? SetIdentifier) y)
    {
        var byName = CompareNames(x.Name, y.Name);
        if (byName != 0 || x.Type is null || y.Type is null)
        {
            return byName;
        }

        var byType = string.CompareOrdinal(x.Type, y.Type);
        return byType != 0 ? byType : string.CompareOrdinal(x.SetIdentifier ?? string.Empty, y.SetIdentifier ?? string.Empty);
    }

    private static int CompareNames(string a, string b)
    {
        var left = a.TrimEnd('.').Split('.').Reverse().ToArray();
        var right = b.TrimEnd('.').Split('.').Reverse().ToArray();
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var c = string.CompareOrdinal(left[i], right[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return left.Length.CompareTo(right.Length);
    }
}
