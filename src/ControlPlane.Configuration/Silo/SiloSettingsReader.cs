using ControlPlane.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Configuration.Silo;

/// <summary>Walks a silo settings document; relative paths are resolved against the settings file's folder.</summary>
internal sealed class SiloSettingsReader(ErrorList errors, string baseDirectory)
{
    private static readonly (string, StoreKind)[] StoreKinds = [("sqlite", StoreKind.Sqlite), ("cassandra", StoreKind.Cassandra)];

    private static readonly (string, SiloLogLevel)[] LogLevels =
    [
        ("Verbose", SiloLogLevel.Verbose), ("Debug", SiloLogLevel.Debug), ("Information", SiloLogLevel.Information),
        ("Warning", SiloLogLevel.Warning), ("Error", SiloLogLevel.Error),
    ];

    private static readonly (string, SiloLogFormat)[] LogFormats = [("text", SiloLogFormat.Text), ("json", SiloLogFormat.Json)];

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
        var demoTargets = DemoTargetReader.ReadAll(map.List("demoTargets"), errors);
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
        var access = ReadAccess(map, fallback);
        map.RejectUnknown();
        if (listen is null || field is not { } where)
        {
            return access;
        }

        if (!Uri.TryCreate(listen.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(where.Path, $"{YamlText.Quote(listen)} is not an absolute http or https URL (for example http://127.0.0.1:8480)", where.At);
            return access;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            errors.Add(where.Path, $"{YamlText.Quote(listen)} must be a scheme, host and port only, with no path, query or user", where.At);
        }

        return access with { Listen = uri };
    }

    /// <summary>Keys, open surfaces, rate and size limits of <c>api</c> (docs/security.md).</summary>
    private ApiSettings ReadAccess(MappingReader map, ApiSettings defaults)
    {
        var keyFile = SettingsPath.Read(map, "bootstrapKeyFile", required: false, baseDirectory);
        var keyEnv = map.Text("bootstrapKeyEnv");
        if (keyEnv is not null && map.Field("bootstrapKeyEnv") is { } envField && !IsEnvironmentName(keyEnv))
        {
            errors.Add(envField.Path, $"{YamlText.Quote(keyEnv)} is not an environment variable name (letters, digits and _, not starting with a digit)", envField.At);
        }

        var rate = map.Map("rateLimit");
        var perSecond = rate?.Integer("perSecond", 1, 1_000_000);
        var burst = rate?.Integer("burst", 1, 1_000_000);
        rate?.RejectUnknown();
        return defaults with
        {
            BootstrapKeyFile = keyFile,
            BootstrapKeyEnv = keyEnv ?? defaults.BootstrapKeyEnv,
            OpenMetrics = map.Bool("openMetrics") ?? defaults.OpenMetrics,
            OpenStatusPage = map.Bool("openStatusPage") ?? defaults.OpenStatusPage,
            RateLimitPerSecond = perSecond ?? defaults.RateLimitPerSecond,
            RateLimitBurst = burst ?? defaults.RateLimitBurst,
            MaxRequestBytes = map.Integer("maxRequestBytes", 1024, int.MaxValue) ?? defaults.MaxRequestBytes,
            MaxDefinitionBytes = map.Integer("maxDefinitionBytes", 1024, int.MaxValue) ?? defaults.MaxDefinitionBytes,
        };
    }

    private static bool IsEnvironmentName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private StoreSettings ReadStore(MappingReader? map)
    {
        if (map is null)
        {
            return new StoreSettings(StoreKind.Sqlite, null, null);
        }

        var kind = map.Choice("kind", StoreKinds) ?? StoreKind.Sqlite;
        var sqlite = ReadSqlite(map.Map("sqlite", required: kind == StoreKind.Sqlite));
        var cassandra = CassandraSettingsReader.Read(map.Map("cassandra", required: kind == StoreKind.Cassandra), baseDirectory);
        map.RejectUnknown();
        return new StoreSettings(kind, sqlite, cassandra);
    }

    private SqliteStoreSettings? ReadSqlite(MappingReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var path = SettingsPath.Read(map, "path", required: true, baseDirectory);
        map.RejectUnknown();
        return new SqliteStoreSettings(path ?? string.Empty);
    }

    private ClusterSettings ReadCluster(MappingReader? map)
    {
        if (map is null)
        {
            return new ClusterSettings();
        }

        var definitionFile = SettingsPath.Read(map, "definitionFile", required: false, baseDirectory);
        var id = map.Id("id", required: false) ?? new ClusterSettings().Id;
        var address = map.IpAddress("siloAddress");
        var port = map.Integer("siloPort", 1, 65535) ?? new ClusterSettings().SiloPort;
        map.RejectUnknown();
        return new ClusterSettings(definitionFile, id, address, port);
    }

    private LoggingSettings ReadLogging(MappingReader? map)
    {
        var defaults = new LoggingSettings();
        if (map is null)
        {
            return defaults;
        }

        var level = map.Choice("level", LogLevels) ?? defaults.Level;
        var file = SettingsPath.Read(map, "file", required: false, baseDirectory);
        var format = map.Choice("format", LogFormats) ?? defaults.Format;
        map.RejectUnknown();
        return new LoggingSettings(level, file, format);
    }
}
