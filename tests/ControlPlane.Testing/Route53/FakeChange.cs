namespace ControlPlane.Testing.Route53;

/// <summary>A change the local Route 53 accepted; PENDING until <see cref="InSyncAt"/>.</summary>
public sealed record FakeChange(string Id, DateTimeOffset SubmittedAt, DateTimeOffset InSyncAt, string? Comment, IReadOnlyList<(string Action, FakeRecordSet Set)> Changes)
{
    public bool IsInSync(DateTimeOffset now) => now >= InSyncAt;
}
