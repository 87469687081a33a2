using System.Net;
using ControlPlane.Configuration.Silo;

namespace ControlPlane.Configuration.Tests;

public class SiloSettingsParserTests
{
    private static readonly string Base = Path.Combine(Path.GetTempPath(), "cp-config-tests", "silo-config");

    private static ConfigResult<SiloSettings> Parse(string yaml) => SiloSettingsParser.Parse(yaml, "silo.yaml", Base);

    [Fact]
    public void Example_parses_with_every_path_resolved_against_the_settings_folder()
    {
        var result = SiloSettingsParser.LoadFile(Examples.SiloPath);

        Assert.True(result.IsValid, result.ToString());
        var settings = result.Value!;
        var folder = Examples.Folder;
        var parent = Path.GetDirectoryName(folder)!;
        Assert.Equal(new SiloIdentity("silo-eu-1", "eu-central", "dc1"), settings.Silo);
        Assert.Equal(new Uri("http://127.0.0.1:8480"), settings.Api.Listen);
        Assert.Equal(StoreKind.Sqlite, settings.Store.Kind);
        Assert.Equal(Path.Combine(parent, "var", "controlplane.db"), settings.Store.Sqlite!.Path);
        Assert.Null(settings.Store.Cassandra);
        Assert.Equal(Path.Combine(folder, "cluster.yaml"), settings.Cluster.DefinitionFile);
        Assert.Equal(new LoggingSettings(SiloLogLevel.Debug, Path.Combine(parent, "var", "log", "silo.log")), settings.Logging);
        Assert.Equal(
            [
                new DemoTargetSettings("web-dc1", IPEndPoint.Parse("127.0.0.2:8081")),
                new DemoTargetSettings("web-dc2", IPEndPoint.Parse("[::1]:8082")),
            ],
            settings.DemoTargets);
        Assert.Equal(folder, settings.BaseDirectory);
        Assert.Equal(Examples.Silo, result.Document!.Text);
    }

    [Fact]
    public void Optional_sections_take_their_defaults()
    {
        var result = Parse("""
            silo: { id: s1, region: eu-central, datacenter: dc1 }
            api: { listen: "https://[::1]:8443" }
            store:
              sqlite: { path: /var/lib/controlplane/cp.db }
            """);

        Assert.True(result.IsValid, result.ToString());
        var settings = result.Value!;
        Assert.Equal(StoreKind.Sqlite, settings.Store.Kind);
        Assert.Equal("/var/lib/controlplane/cp.db", settings.Store.Sqlite!.Path);
        Assert.Null(settings.Cluster.DefinitionFile);
        Assert.Equal(new LoggingSettings(SiloLogLevel.Information, null), settings.Logging);
        Assert.Empty(settings.DemoTargets);
        Assert.Equal(Base, settings.BaseDirectory);
    }

    [Fact]
    public void Cassandra_store_settings_are_read_with_paths_resolved()
    {
        var result = Parse("""
            silo: { id: s1, region: eu-central, datacenter: dc1 }
            api: { listen: "http://127.0.0.1:8480" }
            store:
              kind: cassandra
              cassandra:
                contactPoints: [127.0.0.11, 127.0.0.12, cassandra-3.internal]
                localDatacenter: dc1
                keyspace: controlplane
                replication: { dc1: 3, dc2: 3, dc3: 1 }
                username: controlplane
                passwordFile: secrets/cassandra.pw
            """);

        Assert.True(result.IsValid, result.ToString());
        var cassandra = result.Value!.Store.Cassandra!;
        Assert.Equal(StoreKind.Cassandra, result.Value.Store.Kind);
        Assert.Null(result.Value.Store.Sqlite);
        Assert.Equal(["127.0.0.11", "127.0.0.12", "cassandra-3.internal"], cassandra.ContactPoints);
        Assert.Equal(9042, cassandra.Port);
        Assert.Equal("dc1", cassandra.LocalDatacenter);
        Assert.Equal("controlplane", cassandra.Keyspace);
        Assert.Equal(new Dictionary<string, int> { ["dc1"] = 3, ["dc2"] = 3, ["dc3"] = 1 }, cassandra.Replication);
        Assert.Equal("controlplane", cassandra.Username);
        Assert.Equal(Path.Combine(Base, "secrets", "cassandra.pw"), cassandra.PasswordFile);
    }

    [Fact]
    public void A_settings_file_with_many_problems_reports_every_one()
    {
        const string yaml = """
            silo:                               # P00 the silo map
              id: Silo_1                        # P01 bad id
              region: eu-central
                                                # P02 datacenter missing (reported at the silo key)
            api:
              listen: 127.0.0.1:8480            # P03 not an http URL
            store:
              kind: postgres                    # P04 unknown kind
              sqlite: {}                        # P05 path missing
              cassandra:
                contactPoints: []               # P06 empty
                port: 0                         # P07 range
                localDatacenter: dc9            # P08 not in replication
                keyspace: 1bad                  # P09 bad keyspace
                replication: { dc1: 0 }         # P10 factor range
                password: hunter2               # P11 unknown: passwords never go in settings
            logging:
              level: trace                      # P12 unknown level
            demoTargets:
              - name: web
                listen: 10.0.0.1:8081           # P13 not loopback
              - name: web                       # P14 duplicate name
                listen: 127.0.0.2               # P15 no port
            cluster: cluster.yaml               # P16 scalar instead of map
            auth: {}                            # P17 unknown section
            """;

        (string Path, string Marker, string Message)[] expected =
        [
            ("silo.id", "P01", "'Silo_1' is not a valid id"),
            ("silo.datacenter", "P00", "is required"),
            ("api.listen", "P03", "'127.0.0.1:8480' is not an absolute http or https URL"),
            ("store.kind", "P04", "'postgres' is not one of: sqlite, cassandra"),
            ("store.sqlite.path", "P05", "is required"),
            ("store.cassandra.contactPoints", "P06", "must not be empty"),
            ("store.cassandra.port", "P07", "'0' is out of range: must be between 1 and 65535"),
            ("store.cassandra.localDatacenter", "P08", "'dc9' has no replication entry"),
            ("store.cassandra.keyspace", "P09", "'1bad' is not a Cassandra keyspace name"),
            ("store.cassandra.replication.dc1", "P10", "'0' is out of range: must be between 1 and 100"),
            ("store.cassandra.password", "P11", "unknown field 'password'"),
            ("logging.level", "P12", "'trace' is not one of: Verbose, Debug, Information, Warning, Error"),
            ("demoTargets[0].listen", "P13", "'10.0.0.1:8081' is not a loopback address"),
            ("demoTargets[1].name", "P14", "duplicate demo target name 'web'"),
            ("demoTargets[1].listen", "P15", "'127.0.0.2' is not an ip:port"),
            ("cluster", "P16", "must be a map of fields, found 'cluster.yaml'"),
            ("auth", "P17", "unknown field 'auth' (allowed here: silo, api, store, cluster, logging, demoTargets)"),
        ];

        var result = Parse(yaml);

        foreach (var (path, marker, message) in expected)
        {
            var line = Examples.LineOf(yaml, marker);
            Assert.True(
                result.Errors.Any(e => e.Path == path && e.Line == line && e.Message.Contains(message, StringComparison.Ordinal)),
                $"expected {path} at line {line}: {message}\nbut got:\n{result}");
        }

        Assert.True(expected.Length == result.Errors.Count, result.ToString());
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:21", "is not an absolute http or https URL")]
    [InlineData("http://127.0.0.1:8480/api", "with no path, query or user")]
    [InlineData("/relative", "is not an absolute http or https URL")]
    [InlineData("[http://x]", "must be a single value, found a list")]
    public void Api_listen_must_be_a_bare_absolute_http_url(string listen, string message)
    {
        var result = Parse($"silo: {{ id: s1, region: r, datacenter: d }}\napi: {{ listen: {listen} }}\nstore: {{ sqlite: {{ path: x.db }} }}\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("api.listen", error.Path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_selected_store_must_be_configured()
    {
        var result = Parse("silo: { id: s1, region: r, datacenter: d }\napi: { listen: 'http://127.0.0.1:1' }\nstore: { kind: cassandra }\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("store.cassandra", error.Path);
        Assert.Equal("is required", error.Message);
    }

    [Fact]
    public void Required_sections_missing_from_an_otherwise_empty_map_are_each_reported()
    {
        var result = Parse("logging: { level: Warning }\n");

        Assert.Equal(["silo", "api", "store"], result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void A_missing_settings_file_is_an_error_not_an_exception()
    {
        var result = SiloSettingsParser.LoadFile(Path.Combine(Base, "nope", "silo.yaml"));

        Assert.Contains("does not exist", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Logging_format_is_text_by_default_and_json_on_request()
    {
        const string Required = "silo: { id: s1, region: r, datacenter: d }\napi: { listen: 'http://127.0.0.1:1' }\nstore: { kind: sqlite, sqlite: { path: cp.db } }\n";

        Assert.Empty(Parse(Required).Errors);
        Assert.Equal(SiloLogFormat.Text, Parse(Required).Value!.Logging.Format);
        Assert.Equal(SiloLogFormat.Json, Parse(Required + "logging: { format: json }\n").Value!.Logging.Format);
        var error = Assert.Single(Parse(Required + "logging: { format: xml }\n").Errors);
        Assert.Equal("logging.format", error.Path);
        Assert.Equal("'xml' is not one of: text, json", error.Message);
    }
}
