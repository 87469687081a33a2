namespace ControlPlane.Cql;

/// <summary>
/// The answer to a lightweight transaction or conditional batch: whether it was applied and, when not,
/// the current values the server returned (the condition columns, or the whole existing row for
/// IF NOT EXISTS).
/// </summary>
public sealed class LwtResult
{
    internal LwtResult(bool applied, IReadOnlyList<Row> rows)
    {
        Applied = applied;
        Rows = rows;
    }

    /// <summary>The <c>[applied]</c> column.</summary>
    public bool Applied { get; }

    /// <summary>
    /// The first row's current values when not applied (null when applied, or when the server sent only
    /// <c>[applied]</c>, as for IF EXISTS on a missing row).
    /// </summary>
    public Row? Current => !Applied && Rows.Count > 0 && Rows[0].Count > 1 ? Rows[0] : null;

    /// <summary>Every row the server returned; a conditional batch that was not applied may return several.</summary>
    public IReadOnlyList<Row> Rows { get; }

    public override string ToString() => Applied ? "Applied" : $"Not applied: {Current?.ToString() ?? "(no current values)"}";
}
