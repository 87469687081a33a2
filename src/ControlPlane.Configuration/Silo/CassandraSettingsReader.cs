using System.Text.RegularExpressions;
using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;

namespace ControlPlane.Configuration.Silo;

/// <summary>Reads <c>store.cassandra</c>: its shape only; connecting is the CQL client's business.</summary>
internal static partial class CassandraSettingsReader
{
    private const int MaxReplicationFactor = 100;

    public static CassandraStoreSettings? Read(MappingReader? map, string baseDirectory)
    {
        if (map is null)
        {
            return null;
        }

        var contactPoints = new List<string>();
        foreach (var item in map.List("contactPoints", required: true, nonEmpty: true) ?? [])
        {
            if (ValueReader.NonEmptyText(item, map.Errors) is { } host)
            {
                if (!IpAddressText.TryParse(host.Trim(), out _) && DnsNameText.HostNameProblem(host.Trim()) is not null)
                {
                    map.Errors.Add(item.Path, $"{YamlText.Quote(host)} is neither an IP address nor a host name", item.At);
                }

                contactPoints.Add(host.Trim());
            }
        }

        var defaults = new CassandraStoreSettings { ContactPoints = [], LocalDatacenter = string.Empty, Keyspace = string.Empty, Replication = new Dictionary<string, int>() };
        var port = map.Integer("port", 1, 65535) ?? defaults.Port;
        var localDatacenter = map.Text("localDatacenter", required: true);
        var keyspace = map.Text("keyspace", required: true);
        if (keyspace is not null && !KeyspaceName().IsMatch(keyspace) && map.Field("keyspace") is { } keyspaceField)
        {
            map.Errors.Add(keyspaceField.Path, $"{YamlText.Quote(keyspace)} is not a Cassandra keyspace name (a letter, then up to 47 letters, digits or '_')", keyspaceField.At);
        }

        var replication = ReadReplication(map.Map("replication", required: true));
        if (localDatacenter is not null && replication.Count > 0 && !replication.ContainsKey(localDatacenter)
            && map.Field("localDatacenter") is { } localField)
        {
            map.Errors.Add(localField.Path, $"{YamlText.Quote(localDatacenter)} has no replication entry (replication names: {YamlText.List(replication.Keys)})", localField.At);
        }

        var username = map.Text("username");
        var passwordFile = SettingsPath.Read(map, "passwordFile", required: false, baseDirectory);
        map.RejectUnknown();
        return new CassandraStoreSettings
        {
            ContactPoints = contactPoints,
            Port = port,
            LocalDatacenter = localDatacenter ?? string.Empty,
            Keyspace = keyspace ?? string.Empty,
            Replication = replication,
            Username = username,
            PasswordFile = passwordFile,
        };
    }

    private static Dictionary<string, int> ReadReplication(MappingReader? map)
    {
        var replication = new Dictionary<string, int>(StringComparer.Ordinal);
        if (map is null)
        {
            return replication;
        }

        var entries = map.TakeRest();
        if (entries.Count == 0)
        {
            map.Errors.Add(map.Path, "must name at least one datacenter and its replication factor", map.At);
        }

        foreach (var (datacenter, value) in entries)
        {
            // An invalid factor keeps its name (with a placeholder) so localDatacenter is checked against every name written.
            replication[datacenter] = ValueReader.Integer(value, map.Errors, 1, MaxReplicationFactor) ?? 0;
        }

        map.RejectUnknown();
        return replication;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,47}$")]
    private static partial Regex KeyspaceName();
}
