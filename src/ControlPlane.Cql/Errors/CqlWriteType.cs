namespace ControlPlane.Cql;

/// <summary>The kind of write that timed out or failed, as the server names it.</summary>
public enum CqlWriteType
{
    Unknown,
    Simple,
    Batch,
    UnloggedBatch,
    Counter,
    BatchLog,

    /// <summary>A Paxos round of a lightweight transaction: the outcome is unknown.</summary>
    Cas,
    View,
    Cdc,
}
