namespace ControlPlane.Storage;

/// <summary>API keys (only their secrets' hashes) and the API audit log of mutating calls.</summary>
public interface IAccessStore
{
    /// <summary>Stores a new key; its id is new (random).</summary>
    Task CreateKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>The key with this id, revoked or not; null if there is none.</summary>
    Task<ApiKeyRecord?> GetKeyAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every key, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken cancellationToken);

    /// <summary>Marks the key revoked at <paramref name="at"/> (a second revocation keeps the first time); false if there is no such key.</summary>
    Task<bool> RevokeKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that the key was used at <paramref name="at"/>. Callers throttle this (see docs/security.md).</summary>
    Task TouchKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Appends one entry to the API audit log; writing the same id again is harmless.</summary>
    Task AppendAuditAsync(ApiAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="limit"/> entries, newest first, strictly older than <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<ApiAuditEntry>> QueryAuditAsync(int limit, ApiAuditPosition? before, CancellationToken cancellationToken);
}
