namespace ControlPlane.Cql;

/// <summary>The columns of a result, with a name index shared by all its rows.</summary>
internal sealed class RowMetadata
{
    private Dictionary<string, int>? _index;

    public RowMetadata(IReadOnlyList<CqlColumn> columns)
    {
        Columns = columns;
    }

    public static RowMetadata Empty { get; } = new(Array.Empty<CqlColumn>());

    public IReadOnlyList<CqlColumn> Columns { get; }

    /// <summary>Index of a column by exact name, then case-insensitively; -1 if absent.</summary>
    public int IndexOf(string name)
    {
        var index = _index;
        if (index is null)
        {
            index = new Dictionary<string, int>(Columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < Columns.Count; i++)
            {
                index.TryAdd(Columns[i].Name, i);
            }
            _index = index;
        }
        if (index.TryGetValue(name, out var found))
        {
            return found;
        }
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}
