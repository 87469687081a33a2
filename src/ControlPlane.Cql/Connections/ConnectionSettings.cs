using System.Net.Security;

namespace ControlPlane.Cql.Connections;

/// <summary>What every connection of a cluster shares, taken from <see cref="CqlClusterOptions"/>.</summary>
internal sealed record ConnectionSettings(
    TimeSpan ConnectTimeout,
    SslClientAuthenticationOptions? Tls,
    CqlCredentials? Credentials,
    string? Keyspace,
    int MaxRequestsPerConnection)
{
    public static ConnectionSettings From(CqlClusterOptions options) => new(
        options.ConnectTimeout,
        options.Tls,
        options.Credentials,
        options.Keyspace,
        options.MaxRequestsPerConnection);
}
