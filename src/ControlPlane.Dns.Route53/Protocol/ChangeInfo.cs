namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>The <c>ChangeInfo</c> of ChangeResourceRecordSets and GetChange.</summary>
/// <param name="Id">The change id without the <c>/change/</c> prefix.</param>
internal sealed record ChangeInfo(string Id, ChangeStatus Status, DateTimeOffset SubmittedAt, string? Comment);
