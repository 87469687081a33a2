namespace ControlPlane.Clustering;

/// <summary>The one partition (Cassandra) or key (SQLite) that holds a cluster's members and version.</summary>
internal static class ClusterKey
{
    /// <summary><c>{ServiceId}-{ClusterId}</c>, as the upstream Orleans Cassandra provider names it.</summary>
    public static string Of(string serviceId, string clusterId) => $"{serviceId}-{clusterId}";
}
