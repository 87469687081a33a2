using System.Globalization;
using System.Text.RegularExpressions;
using ControlPlane.Configuration.Cluster;
using ControlPlane.Configuration.Silo;
using ControlPlane.Core.Definitions;
using ControlPlane.Dashboards.Tests.Compose;
using ControlPlane.Silo;
using ControlPlane.Testing;
using ControlPlane.Testing.Bind;
using ControlPlane.Testing.Silos;

namespace ControlPlane.Dashboards.Tests;

/// <summary>
/// docker-compose.yml is valid for <c>docker-compose config</c>, everything it mounts or builds exists,
/// its images are pinned, and the silo settings it passes parse with the product's own loader, agree
/// with the containers' addresses and with silo-config/cassandra/.
/// </summary>
public sealed partial class ComposeDeploymentTests
{
    private static readonly string[] Regions = ["eu-central", "us-east", "ap-south"];

    [Fact]
    public async Task Compose_file_is_valid_and_every_mounted_or_built_path_exists()
    {
        var compose = await ComposeFile.ResolveAsync();
        foreach (var service in compose.Services.Values)
        {
            foreach (var volume in service.Volumes)
            {
                if (volume.IsBind)
                {
                    Assert.True(File.Exists(volume.Source) || Directory.Exists(volume.Source), $"{service.Name} mounts {volume.Source}, which does not exist");
                    Assert.True(volume.ReadOnly, $"{service.Name} mounts {volume.Source} writable; repository files are mounted read-only");
                }
                else
                {
                    Assert.Contains(volume.Source, compose.NamedVolumes);
                }
            }

            if (service.BuildContext is { } context)
            {
                Assert.True(Directory.Exists(context), $"{service.Name} builds from {context}, which does not exist");
                Assert.True(File.Exists(service.Dockerfile), $"{service.Name} builds with {service.Dockerfile}, which does not exist");
            }
        }
    }

    [Fact]
    public async Task Every_image_is_pinned_to_a_version_tag()
    {
        var compose = await ComposeFile.ResolveAsync();
        foreach (var service in compose.Services.Values.Where(s => s.BuildContext is null))
        {
            Assert.Matches(@"^[a-z0-9./-]+:v?\d+(\.\d+)+[a-z0-9.-]*$", service.Image);
        }

        foreach (var from in DockerfileFroms())
        {
            Assert.Matches(@"^mcr\.microsoft\.com/dotnet/(sdk|aspnet):\d+\.\d+\.\d+$", from);
        }
    }

    [Fact]
    public async Task Three_cassandra_datacenters_of_cassandra_4_1_or_newer_with_the_gossiping_snitch()
    {
        var compose = await ComposeFile.ResolveAsync();
        var nodes = compose.Services.Values.Where(s => s.Image?.StartsWith("cassandra:", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(["dc1", "dc2", "dc3"], nodes.Select(n => n.Environment["CASSANDRA_DC"]).Order(StringComparer.Ordinal));
        foreach (var node in nodes)
        {
            var version = Version.Parse(node.Image!["cassandra:".Length..]);
            Assert.True(version >= new Version(4, 1), $"{node.Name}: {node.Image} is older than Cassandra 4.1");
            Assert.Equal("GossipingPropertyFileSnitch", node.Environment["CASSANDRA_ENDPOINT_SNITCH"]);
            Assert.False(string.IsNullOrEmpty(node.Environment["CASSANDRA_RACK"]));
            Assert.Equal(nodes.Select(n => n.Name).Order(StringComparer.Ordinal), node.Environment["CASSANDRA_SEEDS"].Split(',').Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData("eu-central")]
    [InlineData("us-east")]
    [InlineData("ap-south")]
    public async Task Silo_settings_parse_and_match_the_containers_and_silo_config_cassandra(string region)
    {
        var compose = await ComposeFile.ResolveAsync();
        var silo = compose[$"silo-{region}"];
        var settingsFile = HostFileOf(silo, ConfigArgument(silo));
        var settings = Valid(SiloSettingsParser.LoadFile(settingsFile));
        Assert.Equal(0, (await SiloProcess.RunToEndAsync(RepositoryPaths.Root, "validate", settingsFile, "--kind", "silo")).ExitCode);

        // The same silo as the Cassandra example outside Docker.
        var example = Valid(SiloSettingsParser.LoadFile(RepositoryPaths.Of("silo-config", "cassandra", $"silo-{region}.yaml")));
        Assert.Equal(example.Silo, settings.Silo);
        var (store, exampleStore) = (settings.Store.Cassandra!, example.Store.Cassandra!);
        Assert.Equal((exampleStore.LocalDatacenter, exampleStore.Keyspace), (store.LocalDatacenter, store.Keyspace));
        Assert.Equal(exampleStore.Replication.OrderBy(r => r.Key), store.Replication.OrderBy(r => r.Key));

        // Its addresses are those of the compose network.
        Assert.Equal(silo.Address, settings.Cluster.SiloAddress?.ToString());
        var cassandraNodes = compose.Services.Values.Where(s => s.Environment.ContainsKey("CASSANDRA_DC")).ToList();
        Assert.Equal(cassandraNodes.Select(n => n.Name).Order(StringComparer.Ordinal), store.ContactPoints.Order(StringComparer.Ordinal));
        Assert.Contains(cassandraNodes, n => n.Environment["CASSANDRA_DC"] == store.LocalDatacenter);
        var apiPort = settings.Api.Listen.Port.ToString(CultureInfo.InvariantCulture);
        Assert.Contains(silo.Ports, p => Regex.IsMatch(p, $@"^127\.0\.0\.1:\d+:{apiPort}(/tcp)?$"));
        Assert.Contains($"{silo.Name}:{apiPort}", File.ReadAllText(HostFileOf(compose["prometheus"], "/etc/prometheus/prometheus.yml")), StringComparison.Ordinal);

        // The cluster definition it applies knows its region and datacenter.
        var (definition, _) = await DefinitionAsync(silo, settings);
        Assert.Contains(definition.Regions, r => r.Id == settings.Silo.Region);
        Assert.Contains(definition.Datacenters, d => d.Id == settings.Silo.Datacenter);
    }

    [Fact]
    public async Task Cluster_definition_matches_silo_config_cassandra_and_the_containers_it_names()
    {
        var compose = await ComposeFile.ResolveAsync();
        var silo = compose["silo-eu-central"];
        var settings = Valid(SiloSettingsParser.LoadFile(HostFileOf(silo, ConfigArgument(silo))));
        var (definition, keyFile) = await DefinitionAsync(silo, settings);
        var example = Valid(ClusterDefinitionParser.LoadFile(RepositoryPaths.Of("silo-config", "cassandra", "cluster.yaml"), SiloHost.DnsProviderFactories()));

        Assert.Equal(example.Regions, definition.Regions);
        Assert.Equal(example.Datacenters.Select(d => d.Id), definition.Datacenters.Select(d => d.Id));
        Assert.Equal(example.Services.Select(s => s.Id), definition.Services.Select(s => s.Id));
        Assert.Equal(example.AllEndpoints.Select(e => e.Id), definition.AllEndpoints.Select(e => e.Id));
        Assert.Equal(Regions.Order(StringComparer.Ordinal), definition.Regions.Select(r => r.Id).Order(StringComparer.Ordinal));

        // Every endpoint is a demo target container; the port is the one its nginx listens on.
        var targetConf = File.ReadAllText(RepositoryPaths.Of("deploy", "demo-target", "nginx.conf"));
        foreach (var endpoint in definition.AllEndpoints)
        {
            Assert.Contains(compose.Services.Values, s => s.Address == endpoint.Address.ToString() && s.Image?.StartsWith("nginx:", StringComparison.Ordinal) == true);
            Assert.Contains($"listen {endpoint.Port};", targetConf, StringComparison.Ordinal);
        }

        // The rfc2136 provider updates the bind container with the key bind-init writes.
        var provider = Assert.Single(definition.DnsProviders);
        Assert.Equal("rfc2136", provider.Type);
        Assert.Equal(compose["bind"].Address, provider.Get("server"));
        var keyVolume = compose.Services.Values.Where(s => s.Name.StartsWith("silo-", StringComparison.Ordinal)).Select(s => s.MountOf(keyFile)).Distinct().Single();
        Assert.NotNull(keyVolume);
        Assert.False(keyVolume.IsBind, "the TSIG key comes from the deployment's own volume, never from the repository");
        var written = compose["bind-init"].Volumes.Single(v => v.Source == keyVolume.Source);
        Assert.Equal("/etc/bind/keys/controlplane.key", written.Target + keyFile[keyVolume.Target.Length..]);
        Assert.Contains("tsig-keygen -a hmac-sha256 controlplane > /etc/bind/keys/controlplane.key", File.ReadAllText(RepositoryPaths.Of("deploy", "bind", "init.sh")), StringComparison.Ordinal);
        var namedConf = File.ReadAllText(HostFileOf(compose["bind"], "/etc/bind/named.conf"));
        Assert.Contains($"include \"{written.Target}/controlplane.key\";", namedConf, StringComparison.Ordinal);
        Assert.Contains($"grant {provider.Get("tsigKeyName")} zonesub A AAAA;", namedConf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_configuration_and_zone_pass_named_checkconf_with_a_generated_key()
    {
        var compose = await ComposeFile.ResolveAsync();
        var bind = compose["bind"];
        var root = Directory.CreateTempSubdirectory("cp-named-root-").FullName;
        try
        {
            // The container's file system: named.conf from the repository, the key bind-init writes, the zone it copies.
            void Place(string containerPath, string text)
            {
                var path = Path.Combine(root, containerPath.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            Place("/etc/bind/named.conf", File.ReadAllText(HostFileOf(bind, "/etc/bind/named.conf")));
            Place("/etc/bind/keys/controlplane.key", TsigKey.Generate("controlplane").KeyStatement());
            Place("/var/lib/bind/example.test.zone", File.ReadAllText(HostFileOf(compose["bind-init"], "/etc/bind/seed/example.test.zone")));
            Directory.CreateDirectory(Path.Combine(root, "var", "cache", "bind"));

            var (exit, output) = await Tools.RunAsync(Tools.NamedCheckconf, "-z", "-t", root, "/etc/bind/named.conf");
            Assert.True(exit == 0, output);
            Assert.Contains("zone example.test/IN: loaded serial", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Dockerfile_is_multi_stage_copies_every_project_and_runs_the_controlplane_executable()
    {
        var dockerfile = File.ReadAllText(RepositoryPaths.Of("Dockerfile"));
        Assert.Equal(2, DockerfileFroms().Count);
        foreach (var copy in CopyLine().Matches(dockerfile).Select(m => m.Groups["sources"].Value))
        {
            foreach (var source in copy.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            {
                Assert.True(File.Exists(RepositoryPaths.Of(source)) || Directory.Exists(RepositoryPaths.Of(source)), $"Dockerfile copies {source}, which does not exist");
            }
        }

        // A project missing from the restore step breaks the image build, not this repository's build.
        foreach (var project in Directory.GetFiles(RepositoryPaths.Of("src"), "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, project);
            Assert.Contains($"COPY {relative} {Path.GetDirectoryName(relative)}/", dockerfile, StringComparison.Ordinal);
        }

        var assembly = Regex.Match(File.ReadAllText(RepositoryPaths.Of("src", "ControlPlane.Silo", "ControlPlane.Silo.csproj")), "<AssemblyName>(.+)</AssemblyName>").Groups[1].Value;
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"/app/{assembly}.dll\"]", dockerfile, StringComparison.Ordinal);
    }

    /// <summary>
    /// The definition file the silo applies, validated (<c>controlplane validate</c> and the parser) as the
    /// container sees it: its <c>tsigSecretFile</c>, a key the deployment generates, stands for a generated
    /// key file. Returns the definition and that container path, which a volume of the silo must hold.
    /// </summary>
    private static async Task<(ClusterDefinition Definition, string KeyFile)> DefinitionAsync(ComposeService silo, SiloSettings settings)
    {
        var hostFile = settings.Cluster.DefinitionFile ?? throw new InvalidOperationException($"{silo.Name}: no cluster.definitionFile");
        var text = await File.ReadAllTextAsync(hostFile);
        var keyLine = TsigSecretFile().Match(text);
        Assert.True(keyLine.Success, $"{hostFile}: no tsigSecretFile");
        var keyFile = keyLine.Groups["path"].Value;
        Assert.True(silo.MountOf(keyFile) is not null, $"{silo.Name}: no volume holds {keyFile}");

        var directory = Directory.CreateTempSubdirectory("cp-compose-definition-").FullName;
        try
        {
            var key = Path.Combine(directory, "controlplane.key");
            await File.WriteAllTextAsync(key, TsigKey.Generate("controlplane").KeyStatement());
            var copy = Path.Combine(directory, "cluster.yaml");
            await File.WriteAllTextAsync(copy, text.Replace(keyFile, key, StringComparison.Ordinal));
            var (exit, output) = await SiloProcess.RunToEndAsync(RepositoryPaths.Root, "validate", copy, "--kind", "cluster");
            Assert.True(exit == 0, output);
            return (Valid(ClusterDefinitionParser.LoadFile(copy, SiloHost.DnsProviderFactories())), keyFile);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static T Valid<T>(ControlPlane.Configuration.ConfigResult<T> result)
        where T : class
    {
        Assert.True(result.IsValid, result.ToString());
        return result.Value!;
    }

    private static string ConfigArgument(ComposeService silo)
    {
        var index = silo.Command.ToList().IndexOf("--config");
        Assert.True(silo.Command.Count > 1 && silo.Command[0] == "run" && index > 0, $"{silo.Name}: command is not 'run --config FILE': {string.Join(' ', silo.Command)}");
        return silo.Command[index + 1];
    }

    private static string HostFileOf(ComposeService service, string containerPath)
    {
        var host = service.HostPathOf(containerPath);
        Assert.True(host is not null && File.Exists(host), $"{service.Name}: {containerPath} is not a file of the repository mounted into the container");
        return host;
    }

    private static List<string> DockerfileFroms() =>
        FromLine().Matches(File.ReadAllText(RepositoryPaths.Of("Dockerfile"))).Select(m => m.Groups["image"].Value).ToList();

    [GeneratedRegex(@"^FROM\s+(?<image>\S+)(\s+AS\s+\S+)?\s*$", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^COPY\s+(?!--from)(?<sources>.+)$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"tsigSecretFile:\s*(?<path>\S+)")]
    private static partial Regex TsigSecretFile();
}
