using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Storage.Cassandra;

/// <summary>Where the Cassandra store connects and how its keyspace is replicated. Every property states its default.</summary>
public sealed partial class CassandraStoreOptions
{
    /// <summary>Addresses (IP or host name) of nodes to bootstrap from. Required.</summary>
    public IList<string> ContactPoints { get; set; } = new List<string>();

    /// <summary>Native protocol port. Default 9042.</summary>
    public int Port { get; set; } = 9042;

    /// <summary>
    /// The Cassandra datacenter whose nodes coordinate this silo's requests; LOCAL_QUORUM reads and
    /// writes stay in it. Required.
    /// </summary>
    public string LocalDatacenter { get; set; } = string.Empty;

    /// <summary>The keyspace, created at start-up when missing. Required.</summary>
    public string Keyspace { get; set; } = string.Empty;

    /// <summary>
    /// Replication factor per datacenter (NetworkTopologyStrategy), used when the keyspace is created.
    /// Required. An existing keyspace is never altered (changing replication needs a repair).
    /// </summary>
    public IDictionary<string, int> Replication { get; set; } = new Dictionary<string, int>();

    /// <summary>PasswordAuthenticator user name. Default none (no authentication).</summary>
    public string? Username { get; set; }

    /// <summary>Password of <see cref="Username"/>. Default none.</summary>
    public string? Password { get; set; }

    /// <summary>How long the latest observation of an endpoint and region lives without being refreshed (a TTL). Default 1 day.</summary>
    public TimeSpan ObservationTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long decisions and DNS changes stay queryable (a TTL on the audit tables); null keeps them forever. Default null.</summary>
    public TimeSpan? AuditRetention { get; set; }

    /// <summary>Client-side time to wait for each response. Default 12 s (above Cassandra's own timeouts).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Logging. Default none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>All problems of these options at once, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ContactPoints is null || ContactPoints.Count == 0 || ContactPoints.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("ContactPoints: at least one non-empty address is required.");
        }

        if (Port is <= 0 or > 65535)
        {
            errors.Add($"Port: {Port} is not a TCP port.");
        }

        if (string.IsNullOrWhiteSpace(LocalDatacenter))
        {
            errors.Add("LocalDatacenter: required.");
        }

        if (Keyspace is null || !KeyspaceName().IsMatch(Keyspace))
        {
            errors.Add($"Keyspace: '{Keyspace}' is not a Cassandra keyspace name (a letter, then up to 47 letters, digits or '_').");
        }

        if (Replication is null || Replication.Count == 0)
        {
            errors.Add("Replication: at least one datacenter with its replication factor is required.");
        }
        else
        {
            foreach (var (datacenter, factor) in Replication)
            {
                if (!DatacenterName().IsMatch(datacenter))
                {
                    errors.Add($"Replication: '{datacenter}' is not a datacenter name this store accepts (letters, digits, '_', '-', '.').");
                }

                if (factor is < 1 or > 100)
                {
                    errors.Add($"Replication[{datacenter}]: {factor} is not a replication factor (1 to 100).");
                }
            }

            if (!string.IsNullOrWhiteSpace(LocalDatacenter) && !Replication.ContainsKey(LocalDatacenter))
            {
                errors.Add($"LocalDatacenter: '{LocalDatacenter}' has no replication entry.");
            }
        }

        if (Password is not null && Username is null)
        {
            errors.Add("Password: set without Username.");
        }

        if (ObservationTtl < TimeSpan.FromSeconds(1) || ObservationTtl > TimeSpan.FromDays(3650))
        {
            errors.Add("ObservationTtl: must be between 1 s and 10 years.");
        }

        if (AuditRetention is { } retention && (retention < TimeSpan.FromSeconds(1) || retention > TimeSpan.FromDays(3650)))
        {
            errors.Add("AuditRetention: must be between 1 s and 10 years, or null to keep the audit forever.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("RequestTimeout: must be positive.");
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,47}$")]
    private static partial Regex KeyspaceName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex DatacenterName();
}
