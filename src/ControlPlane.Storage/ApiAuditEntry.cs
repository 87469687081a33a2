namespace ControlPlane.Storage;

/// <summary>One mutating API call: who (key id, name, role), what (method, action, target), how it ended (status), when.</summary>
/// <param name="Id">Unique; with <see cref="At"/> the entry's position in the log.</param>
/// <param name="KeyId">Null for a call without a valid key (answered 401).</param>
/// <param name="Action">The route's name, e.g. <c>DrainEndpoint</c>, or the method and path when it has none.</param>
/// <param name="Target">The request path.</param>
public sealed record ApiAuditEntry(
    string Id,
    DateTimeOffset At,
    string? KeyId,
    string? KeyName,
    string? Role,
    string Method,
    string Action,
    string Target,
    int Status);

/// <summary>A position in the API audit log: the time and id of an entry (the API shows it as an opaque cursor).</summary>
public sealed record ApiAuditPosition(DateTimeOffset At, string Id);
