namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>One <c>Change</c> element of a change batch.</summary>
internal sealed record Change(ChangeAction Action, ResourceRecordSet RecordSet)
{
    /// <summary>How many <c>ResourceRecord</c> elements this change counts for (UPSERT counts twice).</summary>
    public int RecordCount => RecordSet.Values.Count * Weight;

    /// <summary>How many characters of <c>Value</c> this change counts for (UPSERT counts twice).</summary>
    public int ValueCharacters => RecordSet.Values.Sum(v => v.Length) * Weight;

    private int Weight => Action == ChangeAction.Upsert ? 2 : 1;

    public override string ToString() => $"{Action.ToString().ToUpperInvariant()} {RecordSet}";
}
