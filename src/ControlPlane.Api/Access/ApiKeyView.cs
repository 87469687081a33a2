using ControlPlane.Storage;

namespace ControlPlane.Api.Access;

/// <summary>A key as the API shows it: never its secret nor the secret's hash.</summary>
public sealed record ApiKeyView(string Id, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView Of(ApiKeyRecord key) => new(key.Id, key.Name, key.Role, key.CreatedBy, key.CreatedAt, key.LastUsedAt, key.RevokedAt);
}

/// <summary>A key just created: the view and, this once, the key itself.</summary>
public sealed record CreatedApiKey(string Id, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, string Key);

/// <summary>Body of <c>POST /api/v1/keys</c>.</summary>
public sealed record CreateKeyRequest(string? Name, string? Role);
