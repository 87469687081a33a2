using System.Text.RegularExpressions;

namespace ControlPlane.Clustering.Cassandra;

/// <summary>Where the Cassandra membership table connects and how its keyspace is replicated. Every property states its default.</summary>
public sealed partial class CassandraMembershipOptions
{
    /// <summary>Addresses (IP or host name) of nodes to bootstrap from. Required.</summary>
    public IList<string> ContactPoints { get; set; } = new List<string>();

    /// <summary>Native protocol port. Default 9042.</summary>
    public int Port { get; set; } = 9042;

    /// <summary>The datacenter whose nodes coordinate this silo's requests (others are used when it is down). Required.</summary>
    public string LocalDatacenter { get; set; } = string.Empty;

    /// <summary>The keyspace of the <c>membership</c> table, created at start-up when missing. Required.</summary>
    public string Keyspace { get; set; } = string.Empty;

    /// <summary>
    /// Replication factor per datacenter (NetworkTopologyStrategy), used only when the keyspace is
    /// created. Required. Use an odd number of datacenters, at least three, so that SERIAL and QUORUM
    /// survive the loss of one (docs/membership-tables.md).
    /// </summary>
    public IDictionary<string, int> Replication { get; set; } = new Dictionary<string, int>();

    /// <summary>PasswordAuthenticator user name. Default none (no authentication).</summary>
    public string? Username { get; set; }

    /// <summary>Password of <see cref="Username"/>. Default none.</summary>
    public string? Password { get; set; }

    /// <summary>Client-side time to wait for each response. Default 12 s (above Cassandra's own timeouts).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(12);

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
            errors.Add($"Port: {Port} is not a TCP port (1 to 65535).");
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
                    errors.Add($"Replication: '{datacenter}' is not a datacenter name (letters, digits, '_', '-', '.').");
                }

                if (factor is < 1 or > 100)
                {
                    errors.Add($"Replication[{datacenter}]: {factor} is not a replication factor (1 to 100).");
                }
            }

            if (!string.IsNullOrWhiteSpace(LocalDatacenter) && !Replication.ContainsKey(LocalDatacenter))
            {
                errors.Add($"LocalDatacenter: '{LocalDatacenter}' has no entry in Replication.");
            }
        }

        if (Password is not null && string.IsNullOrEmpty(Username))
        {
            errors.Add("Password: set without Username.");
        }

        if (Username is not null && Password is null)
        {
            errors.Add("Username: set without Password.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"RequestTimeout: {RequestTimeout} must be positive.");
        }

        return errors;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem, when there is any.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {nameof(CassandraMembershipOptions)}:\n  " + string.Join("\n  ", errors));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,47}$")]
    private static partial Regex KeyspaceName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex DatacenterName();
}
