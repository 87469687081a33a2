using System.Net.Security;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Cql;

/// <summary>How to reach and use a Cassandra cluster. Every property states its default.</summary>
public sealed class CqlClusterOptions
{
    /// <summary>Addresses (IP or host name) to bootstrap from; the rest of the cluster is discovered. Required.</summary>
    public IList<string> ContactPoints { get; set; } = new List<string>();

    /// <summary>Native protocol port of every node. Default 9042.</summary>
    public int Port { get; set; } = 9042;

    /// <summary>
    /// The datacenter whose nodes coordinate requests. Default: the datacenter of the first contact point
    /// that answers.
    /// </summary>
    public string? LocalDatacenter { get; set; }

    /// <summary>
    /// Whether requests may go to other datacenters when no local node is up. Never for LOCAL_*
    /// consistency levels. Default false.
    /// </summary>
    public bool AllowRemoteDatacenters { get; set; }

    /// <summary>PasswordAuthenticator credentials. Default none.</summary>
    public CqlCredentials? Credentials { get; set; }

    /// <summary>TLS settings; null (the default) means plain TCP. TargetHost defaults to the node's address.</summary>
    public SslClientAuthenticationOptions? Tls { get; set; }

    /// <summary>Keyspace every connection uses (USE). Default none.</summary>
    public string? Keyspace { get; set; }

    /// <summary>Highest protocol version to try: 4, falling back to 3 when the server refuses. Default 4.</summary>
    public int MaxProtocolVersion { get; set; } = 4;

    /// <summary>Time to open a connection, TLS and STARTUP included. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Client-side time to wait for each response. Default 12 s (above Cassandra's own timeouts).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Connections kept to each local-datacenter node. Default 1 (each carries thousands of requests).</summary>
    public int ConnectionsPerHost { get; set; } = 1;

    /// <summary>Requests in flight on one connection (stream ids, at most 32768). Default 2048.</summary>
    public int MaxRequestsPerConnection { get; set; } = 2048;

    /// <summary>Consistency of statements that do not set one. Default LOCAL_QUORUM.</summary>
    public CqlConsistency DefaultConsistency { get; set; } = CqlConsistency.LocalQuorum;

    /// <summary>Serial consistency of conditional statements that do not set one. Default SERIAL.</summary>
    public CqlConsistency DefaultSerialConsistency { get; set; } = CqlConsistency.Serial;

    /// <summary>Rows per page. Default 5000.</summary>
    public int DefaultPageSize { get; set; } = 5000;

    /// <summary>First delay before reconnecting to a node that went down; doubles up to <see cref="ReconnectMaxDelay"/>. Default 1 s.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between reconnection attempts. Default 60 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for all nodes to agree on the schema after DDL. Default 10 s.</summary>
    public TimeSpan SchemaAgreementTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether to send client-side timestamps (monotonic microseconds) with every request. Default true.</summary>
    public bool UseClientTimestamps { get; set; } = true;

    /// <summary>Clock for timestamps and reconnection delays. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging. Default none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>All problems of these options at once, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ContactPoints is null || ContactPoints.Count == 0)
        {
            errors.Add("ContactPoints: at least one address is required.");
        }
        else
        {
            for (var i = 0; i < ContactPoints.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(ContactPoints[i]))
                {
                    errors.Add($"ContactPoints[{i}]: must not be empty.");
                }
            }
        }
        if (Port is <= 0 or > 65535)
        {
            errors.Add($"Port: {Port} is not a TCP port.");
        }
        if (MaxProtocolVersion is < 3 or > 4)
        {
            errors.Add($"MaxProtocolVersion: {MaxProtocolVersion} is not supported (3 or 4).");
        }
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add("ConnectTimeout: must be positive.");
        }
        if (RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("RequestTimeout: must be positive.");
        }
        if (ConnectionsPerHost < 1)
        {
            errors.Add("ConnectionsPerHost: must be at least 1.");
        }
        if (MaxRequestsPerConnection is < 1 or > 32768)
        {
            errors.Add("MaxRequestsPerConnection: must be between 1 and 32768.");
        }
        if (DefaultConsistency.IsSerial())
        {
            errors.Add("DefaultConsistency: SERIAL levels are only valid as serial consistency.");
        }
        if (!DefaultSerialConsistency.IsSerial())
        {
            errors.Add("DefaultSerialConsistency: must be SERIAL or LOCAL_SERIAL.");
        }
        if (ReconnectBaseDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectBaseDelay)
        {
            errors.Add("ReconnectBaseDelay/ReconnectMaxDelay: base must be positive and not above the maximum.");
        }
        return errors;
    }
}
