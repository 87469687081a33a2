namespace ControlPlane.Cql;

/// <summary>The kind of a BATCH request.</summary>
public enum BatchType : byte
{
    /// <summary>Atomic through the batch log (the default of CQL's BEGIN BATCH).</summary>
    Logged = 0,

    /// <summary>No batch log: cheaper, not atomic across partitions.</summary>
    Unlogged = 1,

    /// <summary>Counter updates only.</summary>
    Counter = 2,
}
