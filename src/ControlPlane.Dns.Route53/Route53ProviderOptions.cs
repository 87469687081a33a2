using ControlPlane.Dns.Route53.Planning;

namespace ControlPlane.Dns.Route53;

/// <summary>One Route 53 provider's settings, read from <c>dns.providers[*].settings</c> by <see cref="Route53Settings"/>.</summary>
internal sealed record Route53ProviderOptions
{
    /// <summary>The hosted zone that holds the records, without the <c>/hostedzone/</c> prefix. Required.</summary>
    public required string HostedZoneId { get; init; }

    /// <summary>The API endpoint. Default <c>https://route53.amazonaws.com</c>; set it to test against a local server.</summary>
    public Uri EndpointUrl { get; init; } = new("https://route53.amazonaws.com");

    /// <summary>The client-side budget for the account, in requests per second. Default 5 (Route 53's documented per-account rate).</summary>
    public double RequestsPerSecond { get; init; } = 5;

    /// <summary>A shared-config profile to take credentials from. Default: none (the SDK's standard chain).</summary>
    public string? Profile { get; init; }

    /// <summary>Publish the failover policy as Route 53 failover (PRIMARY) record sets instead of a simple record set. Default false.</summary>
    public bool FailoverRecords { get; init; }

    /// <summary>How often GetChange is polled until the change is INSYNC. Default 2 s.</summary>
    public TimeSpan InSyncPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for INSYNC before returning without it; zero does not wait. Default 120 s.</summary>
    public TimeSpan InSyncTimeout { get; init; } = TimeSpan.FromSeconds(120);

    // Not settings: fixed here, tuned by tests.

    /// <summary>Attempts per request, the first included. Default 8.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Backoff ceiling before the first retry, doubling each retry. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest backoff ceiling. Default 10 s.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one HTTP attempt. Default 15 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>maxitems for ListResourceRecordSets. Default 300, the API's maximum.</summary>
    public int ListPageSize { get; init; } = 300;

    /// <summary>Per-request limits. Default Route 53's: 100 changes, 1,000 records, 32,000 characters.</summary>
    public ChangeBatchLimits Limits { get; init; } = ChangeBatchLimits.Route53;
}
