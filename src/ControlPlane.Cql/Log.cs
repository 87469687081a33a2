using System.Net;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Cql;

/// <summary>Log messages of the CQL client.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Cannot connect to Cassandra node {EndPoint}: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, IPEndPoint endPoint, string reason);

    [LoggerMessage(2, LogLevel.Information, "Connection to Cassandra node {EndPoint} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, IPEndPoint endPoint, string reason);

    [LoggerMessage(3, LogLevel.Information, "Cassandra node {EndPoint} ({Datacenter}) is up")]
    public static partial void HostUp(ILogger logger, IPEndPoint endPoint, string datacenter);

    [LoggerMessage(4, LogLevel.Warning, "Cassandra node {EndPoint} ({Datacenter}) is down: {Reason}")]
    public static partial void HostDown(ILogger logger, IPEndPoint endPoint, string datacenter, string reason);

    [LoggerMessage(5, LogLevel.Debug, "Reconnection to {EndPoint} failed: {Reason}")]
    public static partial void ReconnectFailed(ILogger logger, IPEndPoint endPoint, string reason);

    [LoggerMessage(6, LogLevel.Information, "Control connection on {EndPoint}, native protocol v{Version}")]
    public static partial void ControlConnected(ILogger logger, IPEndPoint endPoint, int version);

    [LoggerMessage(7, LogLevel.Information, "{EndPoint} refused protocol v{Requested}; trying v{Next}")]
    public static partial void ProtocolDowngrade(ILogger logger, IPEndPoint endPoint, int requested, int next);

    [LoggerMessage(8, LogLevel.Warning, "Control connection lost: {Reason}")]
    public static partial void ControlLost(ILogger logger, string reason);

    [LoggerMessage(9, LogLevel.Information, "Cluster event {Kind} {Change} {Address}")]
    public static partial void ClusterEvent(ILogger logger, string kind, string change, string address);

    [LoggerMessage(10, LogLevel.Information, "Topology: node {EndPoint} in {Datacenter}/{Rack} added")]
    public static partial void HostAdded(ILogger logger, IPEndPoint endPoint, string datacenter, string rack);

    [LoggerMessage(11, LogLevel.Warning, "Schema agreement not reached within {Timeout}")]
    public static partial void NoSchemaAgreement(ILogger logger, TimeSpan timeout);

    [LoggerMessage(12, LogLevel.Debug, "Re-preparing a statement on {EndPoint}")]
    public static partial void Reprepare(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(13, LogLevel.Debug, "Request to {EndPoint} failed ({Error}); decision {Decision}")]
    public static partial void RequestRetry(ILogger logger, IPEndPoint endPoint, string error, string decision);
}
