namespace ControlPlane.Storage;

/// <summary>An API key as stored: never the secret, only its SHA-256 (hex).</summary>
/// <param name="Id">Public id, also the first part of the key text.</param>
/// <param name="Role">viewer, operator or admin.</param>
/// <param name="CreatedBy">Name of the key that created this one.</param>
/// <param name="LastUsedAt">Updated at most about once a minute per key and silo.</param>
public sealed record ApiKeyRecord(
    string Id,
    string Name,
    string Role,
    string SecretHash,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt = null,
    DateTimeOffset? RevokedAt = null);
