namespace ControlPlane.Cql;

/// <summary>Special values that can be bound in place of a real one.</summary>
public static class CqlValue
{
    /// <summary>A zero-length value, which CQL keeps distinct from null (an "empty" int, for example).</summary>
    public static object Empty { get; } = new EmptyMarker();

    /// <summary>Leaves the bound variable unset so the column is not written (protocol v4 only).</summary>
    public static object Unset { get; } = new UnsetMarker();

    private sealed class EmptyMarker
    {
        public override string ToString() => "<empty>";
    }

    private sealed class UnsetMarker
    {
        public override string ToString() => "<unset>";
    }
}
