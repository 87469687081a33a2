using ControlPlane.Cql;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Clustering.Cassandra;

/// <summary>Opens the CQL session of the membership table from its options.</summary>
internal static class CassandraMembershipSession
{
    /// <remarks>
    /// Remote datacenters are allowed: every membership statement runs at SERIAL, QUORUM or ONE, never
    /// LOCAL_*, so a silo whose own datacenter's Cassandra is down keeps its membership through another
    /// datacenter's coordinators (the local datacenter stays first in each query plan). No keyspace is
    /// set on the session: it may not exist yet, and every statement names it.
    /// </remarks>
    public static Task<ICqlSession> ConnectAsync(CassandraMembershipOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var cql = new CqlClusterOptions
        {
            Port = options.Port,
            LocalDatacenter = options.LocalDatacenter,
            AllowRemoteDatacenters = true,
            Credentials = options.Username is { } user ? new CqlCredentials(user, options.Password ?? string.Empty) : null,
            RequestTimeout = options.RequestTimeout,
            DefaultConsistency = MembershipConsistency.Agreed,
            DefaultSerialConsistency = MembershipConsistency.Paxos,
            LoggerFactory = loggerFactory,
        };
        foreach (var contactPoint in options.ContactPoints)
        {
            cql.ContactPoints.Add(contactPoint);
        }

        return CqlCluster.ConnectAsync(cql, cancellationToken);
    }
}
