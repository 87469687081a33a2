using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>The consistency levels of the store, named by what they are for (see docs/storage.md).</summary>
/// <remarks>
/// Grain state (fenced by its ETag) and definition versions are written by silos in every datacenter
/// (a grain may be activated anywhere, and during a membership change twice), so their Paxos rounds run
/// at SERIAL: a majority of all replicas, which survives the loss of one datacenter out of three.
/// LOCAL_SERIAL would run one Paxos per datacenter: with one replica each, a deposed activation in dc1
/// and the new one in dc2 would both win the same <c>IF etag = ?</c>, and the fence would pass both.
/// Those rows are committed and read at QUORUM so that a silo in any datacenter reads what was agreed.
/// Everything else (observations, audit indexes) is read and written at LOCAL_QUORUM.
/// </remarks>
internal static class StoreConsistency
{
    /// <summary>Serial consistency of every conditional write.</summary>
    public const CqlConsistency Paxos = CqlConsistency.Serial;

    /// <summary>Commit consistency of conditional writes, and plain reads and writes of agreed rows.</summary>
    public const CqlConsistency Agreed = CqlConsistency.Quorum;

    /// <summary>Ordinary reads and writes, which stay in the silo's datacenter.</summary>
    public const CqlConsistency Local = CqlConsistency.LocalQuorum;
}
