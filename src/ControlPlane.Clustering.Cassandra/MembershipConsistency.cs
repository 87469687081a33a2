using ControlPlane.Cql;

namespace ControlPlane.Clustering.Cassandra;

/// <summary>The consistency levels of the membership table, named by what they are for (docs/membership-tables.md).</summary>
/// <remarks>
/// Silos of every datacenter contend for the same table version, so Paxos runs at SERIAL, among a
/// majority of all replicas: with one replica in each of three datacenters that is 2 of 3, which
/// survives one datacenter down. LOCAL_SERIAL would run one Paxos per datacenter and let a silo in
/// each datacenter win the same <c>IF version = v</c>. Commits and reads are at QUORUM, so any silo
/// reads every acknowledged change. IAmAlive is a plain write at ONE: it is diagnostic, one cell,
/// last-writer-wins, and must not fail while any replica is reachable.
/// </remarks>
internal static class MembershipConsistency
{
    /// <summary>Serial consistency of every conditional write, and of the re-read after an unknown outcome.</summary>
    public const CqlConsistency Paxos = CqlConsistency.Serial;

    /// <summary>Commit consistency of conditional writes; reads; deletes.</summary>
    public const CqlConsistency Agreed = CqlConsistency.Quorum;

    /// <summary>The IAmAlive cell.</summary>
    public const CqlConsistency IAmAlive = CqlConsistency.One;

    /// <summary>DDL and the schema tables, which are local to each node.</summary>
    public const CqlConsistency Schema = CqlConsistency.One;
}
