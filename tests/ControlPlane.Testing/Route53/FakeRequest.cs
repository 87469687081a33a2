namespace ControlPlane.Testing.Route53;

/// <summary>One request the local Route 53 answered, for assertions.</summary>
/// <param name="Changes">For ChangeResourceRecordSets: the batch's changes, records and value characters (UPSERT counted twice).</param>
public sealed record FakeRequest(
    string Operation,
    int StatusCode,
    string? ErrorCode,
    DateTimeOffset At,
    int Changes = 0,
    int Records = 0,
    int Characters = 0);
