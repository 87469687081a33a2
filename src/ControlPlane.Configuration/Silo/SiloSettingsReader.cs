using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Configuration.Silo;

/// <summary>Walks a silo settings document; relative paths are resolved against the settings file's folder.</summary>
internal sealed partial class SiloSettingsReader(ErrorList errors, string baseDirectory)
{
    private static readonly (string, StoreKind)[] StoreKinds = [("sqlite", StoreKind.Sqlite), ("cassandra", StoreKind.Cassandra)];

    private static readonly (string, SiloLogLevel)[] LogLevels =
    [
        ("Verbose", SiloLogLevel.Verbose), ("Debug", SiloLogLevel.Debug), ("Information", SiloLogLevel.Information),
        ("Warning", SiloLogLevel.Warning), ("Error", SiloLogLevel.Error),
    ];

    private const int MaxReplicationFactor = 100;

    public SiloSettings? Read(YamlNode root)
    {
        if (MappingReader.Open(new YamlValue(string.Empty, root, root.Start), errors) is not { } map)
        {
            return null;
        }

        var silo = ReadSilo(map.Map("silo", required: true));
        var api = ReadApi(map.Map("api", required: true));
        var store = ReadStore(map.Map("store", required: true));
        var cluster = ReadCluster(map.Map("cluster"));
        var logging = ReadLogging(map.Map("logging"));
        var demoTargets = ReadDemoTargets(map.List("demoTargets"));
        map.RejectUnknown();
        return new SiloSettings
        {
            Silo = silo,
            Api = api,
            Store = store,
            Cluster = cluster,
            Logging = logging,
            DemoTargets = demoTargets,
            BaseDirectory = baseDirectory,
        };
    }

    private static SiloIdentity ReadSilo(MappingReader? map)
    {
        if (map is null)
        {
            return new SiloIdentity(string.Empty, string.Empty, string.Empty);
        }

        var identity = new SiloIdentity(map.Id() ?? string.Empty, map.Id("region") ?? string.Empty, map.Id("datacenter") ?? string.Empty);
        map.RejectUnknown();
        return identity;
    }

    private ApiSettings ReadApi(MappingReader? map)
    {
        var fallback = new ApiSettings(new Uri("http://127.0.0.1:8480"));
        if (map is null)
        {
            return fallback;
        }

        var listen = map.Text("listen", required: true);
        var field = map.Field("listen");
        map.RejectUnknown();
        if (listen is null || field is not { } where)
        {
            return fallback;
        }

        if (!Uri.TryCreate(listen.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(where.Path, $"{YamlText.Quote(listen)} is not an absolute http or https URL (for example http://127.0.0.1:8480)", where.At);
            return fallback;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            errors.Add(where.Path, $"{YamlText.Quote(listen)} must be a scheme, host and port only, with no path, query or user", where.At);
        }

        return new ApiSettings(uri);
    }

    private StoreSettings ReadStore(MappingReader? map)
    {
        if (map is null)
        {
            return new StoreSettings(StoreKind.Sqlite, null, null);
        }

        var kind = map.Choice("kind", StoreKinds) ?? StoreKind.Sqlite;
        var sqlite = ReadSqlite(map.Map("sqlite", required: kind == StoreKind.Sqlite));
        var cassandra = ReadCassandra(map.Map("cassandra", required: kind == StoreKind.Cassandra));
        map.RejectUnknown();
        return new StoreSettings(kind, sqlite, cassandra);
    }

    private SqliteStoreSettings? ReadSqlite(MappingReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var path = ReadPath(map, "path", required: true);
        map.RejectUnknown();
        return new SqliteStoreSettings(path ?? string.Empty);
    }

    private CassandraStoreSettings? ReadCassandra(MappingReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var contactPoints = new List<string>();
        foreach (var item in map.List("contactPoints", required: true, nonEmpty: true) ?? [])
        {
            if (ValueReader.NonEmptyText(item, errors) is { } host)
            {
                if (!IpAddressText.TryParse(host.Trim(), out _) && DnsNameText.HostNameProblem(host.Trim()) is not null)
                {
                    errors.Add(item.Path, $"{YamlText.Quote(host)} is neither an IP address nor a host name", item.At);
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
            errors.Add(keyspaceField.Path, $"{YamlText.Quote(keyspace)} is not a Cassandra keyspace name (a letter, then up to 47 letters, digits or '_')", keyspaceField.At);
        }

        var replication = ReadReplication(map.Map("replication", required: true));
        if (localDatacenter is not null && replication.Count > 0 && !replication.ContainsKey(localDatacenter)
            && map.Field("localDatacenter") is { } localField)
        {
            errors.Add(localField.Path, $"{YamlText.Quote(localDatacenter)} has no replication entry (replication names: {YamlText.List(replication.Keys)})", localField.At);
        }

        var username = map.Text("username");
        var passwordFile = ReadPath(map, "passwordFile", required: false);
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

    private Dictionary<string, int> ReadReplication(MappingReader? map)
    {
        var replication = new Dictionary<string, int>(StringComparer.Ordinal);
        if (map is null)
        {
            return replication;
        }

        var entries = map.TakeRest();
        if (entries.Count == 0)
        {
            errors.Add(map.Path, "must name at least one datacenter and its replication factor", map.At);
        }

        foreach (var (datacenter, value) in entries)
        {
            // An invalid factor keeps its name (with a placeholder) so localDatacenter is checked against every name written.
            replication[datacenter] = ValueReader.Integer(value, errors, 1, MaxReplicationFactor) ?? 0;
        }

        map.RejectUnknown();
        return replication;
    }

    private ClusterSettings ReadCluster(MappingReader? map)
    {
        if (map is null)
        {
            return new ClusterSettings();
        }

        var definitionFile = ReadPath(map, "definitionFile", required: false);
        map.RejectUnknown();
        return new ClusterSettings(definitionFile);
    }

    private LoggingSettings ReadLogging(MappingReader? map)
    {
        var defaults = new LoggingSettings();
        if (map is null)
        {
            return defaults;
        }

        var level = map.Choice("level", LogLevels) ?? defaults.Level;
        var file = ReadPath(map, "file", required: false);
        map.RejectUnknown();
        return new LoggingSettings(level, file);
    }

    private List<DemoTargetSettings> ReadDemoTargets(IReadOnlyList<YamlValue>? items)
    {
        var targets = new List<DemoTargetSettings>();
        var names = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
        var listeners = new Dictionary<IPEndPoint, YamlValue>();
        foreach (var item in items ?? [])
        {
            if (MappingReader.Open(item, errors) is not { } map)
            {
                continue;
            }

            var name = map.Id("name");
            if (name is not null && map.Field("name") is { } nameField && !names.TryAdd(name, nameField))
            {
                errors.Add(nameField.Path, $"duplicate demo target name {YamlText.Quote(name)}: already used at {names[name].Path} (line {names[name].At.Line})", nameField.At);
            }

            var listen = map.Required("listen") is { } listenField ? ReadLoopbackEndpoint(listenField) : null;
            if (listen is not null && map.Field("listen") is { } where && !listeners.TryAdd(listen, where))
            {
                errors.Add(where.Path, $"{listen} is already used by {listeners[listen].Path} (line {listeners[listen].At.Line})", where.At);
            }

            map.RejectUnknown();
            if (name is not null && listen is not null)
            {
                targets.Add(new DemoTargetSettings(name, listen));
            }
        }

        return targets;
    }

    private IPEndPoint? ReadLoopbackEndpoint(YamlValue value)
    {
        if (ValueReader.NonEmptyText(value, errors) is not { } text)
        {
            return null;
        }

        var trimmed = text.Trim();
        var colon = trimmed.LastIndexOf(':');
        var host = colon > 0 ? trimmed[..colon] : string.Empty;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            host = string.Empty; // an IPv6 address needs brackets to be told apart from its port
        }

        var portText = colon > 0 ? trimmed[(colon + 1)..] : string.Empty;
        if (!IpAddressText.TryParse(host, out var address) || portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit)
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is not an ip:port such as 127.0.0.2:8081 or [::1]:8081", value.At);
            return null;
        }

        if (!IPAddress.IsLoopback(address))
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is not a loopback address (127.0.0.0/8 or ::1): demo targets never listen on a network", value.At);
            return null;
        }

        return new IPEndPoint(address, port);
    }

    /// <summary>A path field resolved against the settings file's folder.</summary>
    private string? ReadPath(MappingReader map, string name, bool required)
    {
        var text = map.Text(name, required);
        if (text is null || map.Field(name) is not { } field)
        {
            return null;
        }

        if (text.Contains('\0'))
        {
            errors.Add(field.Path, "a path must not contain NUL characters", field.At);
            return null;
        }

        try
        {
            return Path.GetFullPath(text, baseDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            errors.Add(field.Path, $"{YamlText.Quote(text)} is not a usable path: {e.Message}", field.At);
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,47}$")]
    private static partial Regex KeyspaceName();
}
