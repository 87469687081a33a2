namespace ControlPlane.Dns.Route53.Planning;

/// <summary>What one ChangeResourceRecordSets request may hold.</summary>
/// <param name="MaxChanges"><c>Change</c> elements per request.</param>
/// <param name="MaxRecords"><c>ResourceRecord</c> elements per request (an UPSERT's count twice).</param>
/// <param name="MaxValueCharacters">Characters across all <c>Value</c> elements (an UPSERT's count twice).</param>
internal sealed record ChangeBatchLimits(int MaxChanges, int MaxRecords, int MaxValueCharacters)
{
    /// <summary>Route 53's documented quotas: 100 changes, 1,000 records, 32,000 characters.</summary>
    public static ChangeBatchLimits Route53 { get; } = new(100, 1000, 32000);
}
