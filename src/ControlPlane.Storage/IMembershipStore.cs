namespace ControlPlane.Storage;

/// <summary>The cluster's membership table (Orleans keeps one too): who is alive, where, in which region.</summary>
public interface IMembershipStore
{
    /// <summary>
    /// Adds or replaces the silo's row with a new generation. Refused (returns the other entry)
    /// when a live entry with the same id, another generation and another address exists: two
    /// processes must not share a silo id. A live entry at the same address is replaced: the new
    /// process has bound that address, so the old one is gone (a restart after a crash).
    /// </summary>
    Task<SiloEntry?> RegisterAsync(SiloEntry entry, TimeSpan liveFor, CancellationToken cancellationToken);

    /// <summary>Records a heartbeat; false when the row is gone, of another generation, or Dead: the silo must stop acting.</summary>
    Task<bool> HeartbeatAsync(string siloId, long generation, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Marks a silo Dead if its heartbeat is still <paramref name="lastSeenHeartbeat"/> (so a silo
    /// that heartbeated meanwhile is not killed). True when this call declared it.
    /// </summary>
    Task<bool> DeclareDeadAsync(string siloId, long generation, DateTimeOffset lastSeenHeartbeat, CancellationToken cancellationToken);
}
