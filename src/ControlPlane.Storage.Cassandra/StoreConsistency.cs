using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>The consistency levels of the store, named by what they are for (see docs/storage.md).</summary>
/// <remarks>
/// Leases, fences, membership and definition versions are shared by silos in every datacenter, so
/// their Paxos rounds run at SERIAL: a majority of all replicas, which survives the loss of one
/// datacenter out of three. LOCAL_SERIAL would run one Paxos per datacenter, letting a silo in each
/// datacenter hold the same lease at once. Those rows are committed and read at QUORUM so that a
/// silo in any datacenter reads what was agreed. Everything else (observations, audit indexes) is
/// read and written at LOCAL_QUORUM.
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
