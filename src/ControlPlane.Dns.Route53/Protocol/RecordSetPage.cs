namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>One page of ListResourceRecordSets; the <c>Next*</c> values start the following page.</summary>
internal sealed record RecordSetPage(
    IReadOnlyList<ResourceRecordSet> RecordSets,
    bool IsTruncated,
    string? NextRecordName,
    string? NextRecordType,
    string? NextRecordIdentifier);
