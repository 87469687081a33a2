using System.Diagnostics;
using System.Net;

namespace ControlPlane.Silo.Tests;

/// <summary>The documented commands: validate, run with bad files, apply, and the shipped example configuration.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-cli-").FullName;

    private const string BrokenDefinition = """
        regions: [eu-central]
        datacenters:
          - id: dc1
        checks:
          - id: http
            type: http
            interval: fast
            colour: blue
        dns:
          providers:
            - id: zone
              type: zonefile
              zone: example.test.
              path: zone.db
        services:
          - id: web
            dns: { provider: nowhere, name: web.example.test. }
            policy: failover
            check: http
            endpoints:
              - id: web-a
                address: 10.0.0.x
                datacenter: dc1
                weight: heavy
              - id: web-a
                address: 127.0.0.2
                datacenter: dc9
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static readonly string[] ExpectedPaths =
    [
        "checks[0].interval",
        "checks[0].colour",
        "services[0].dns.provider",
        "services[0].endpoints[0].address",
        "services[0].endpoints[0].weight",
        "services[0].endpoints[1].id",
        "services[0].endpoints[1].datacenter",
    ];

    [Fact]
    public async Task Validate_lists_every_error_with_its_path_and_exits_non_zero()
    {
        var path = Write("cluster.yaml", BrokenDefinition);
        var (exit, output) = await SiloProcess.RunToEndAsync(_dir, "validate", path);

        Assert.Equal(1, exit);
        foreach (var expected in ExpectedPaths)
        {
            Assert.Contains(expected + ":", output);
        }
    }

    [Fact]
    public async Task The_silo_refuses_to_start_with_a_bad_definition_and_prints_every_error()
    {
        Write("cluster.yaml", BrokenDefinition);
        var settings = Write("silo.yaml", """
            silo: { id: silo-1, region: eu-central, datacenter: dc1 }
            api: { listen: http://127.0.0.1:1 }
            store: { kind: sqlite, sqlite: { path: store.db } }
            cluster: { definitionFile: cluster.yaml }
            """);
        var (exit, output) = await SiloProcess.RunToEndAsync(_dir, "run", "--config", settings);

        Assert.Equal(2, exit);
        foreach (var expected in ExpectedPaths)
        {
            Assert.Contains(expected + ":", output);
        }

        Assert.DoesNotContain("Unhandled exception", output);
    }

    [Fact]
    public async Task The_silo_refuses_malformed_settings_with_the_field_named()
    {
        var settings = Write("silo.yaml", """
            silo: { id: Silo_1, region: eu-central }
            api: { listen: not-a-url }
            store: { kind: floppy }
            """);
        var (exit, output) = await SiloProcess.RunToEndAsync(_dir, "run", "--config", settings);

        Assert.Equal(2, exit);
        Assert.Contains("silo.id", output);
        Assert.Contains("silo.datacenter", output);
        Assert.Contains("api.listen", output);
        Assert.Contains("store.kind", output);
    }

    [Fact]
    public async Task Malformed_yaml_is_an_error_not_a_crash()
    {
        var path = Write("cluster.yaml", "regions: [eu-central\nservices:\n\t- id: x\n");
        var (exit, output) = await SiloProcess.RunToEndAsync(_dir, "validate", "--kind", "cluster", path);

        Assert.Equal(1, exit);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.Contains("cluster.yaml", output);
    }

    [Fact]
    public async Task The_shipped_example_configuration_is_valid()
    {
        var root = RepositoryRoot();
        // silo-config/compose needs the TSIG key docker-compose generates at first start; the dashboards tests validate it with a generated key.
        var compose = Path.Combine(root, "silo-config", "compose") + Path.DirectorySeparatorChar;
        var files = Directory.GetFiles(Path.Combine(root, "silo-config"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(compose, StringComparison.Ordinal))
            .ToArray();
        Assert.True(files.Length >= 6, "the example configurations are missing");
        foreach (var file in files)
        {
            var (exit, output) = await SiloProcess.RunToEndAsync(root, "validate", file);
            Assert.True(exit == 0, output);
        }
    }

    [Fact]
    public async Task The_shipped_example_runs_offline_and_writes_the_zone_file()
    {
        // The README's demo, in a copy: same files, its own working directory.
        var root = RepositoryRoot();
        Directory.CreateDirectory(Path.Combine(_dir, "silo-config"));
        foreach (var file in new[] { "silo.yaml", "cluster.yaml" })
        {
            File.Copy(Path.Combine(root, "silo-config", file), Path.Combine(_dir, "silo-config", file));
        }

        // As scripts/run-demo.sh does: the bootstrap key file silo.yaml names.
        Directory.CreateDirectory(Path.Combine(_dir, "var", "demo"));
        File.WriteAllText(Path.Combine(_dir, "var", "demo", "bootstrap.key"), SiloProcess.AdminKey + "\n");

        await using var silo = await SiloProcess.StartAsync(_dir, Path.Combine(_dir, "silo-config", "silo.yaml"), new Uri("http://127.0.0.1:8480"));
        var zone = Path.Combine(_dir, "var", "demo", "zones", "example.test.zone");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        // Both services publish on their own: wait for both (api's second record and web's first).
        while (DateTime.UtcNow < deadline && !(File.Exists(zone) && File.ReadAllText(zone) is var published
            && published.Contains("api.example.test. 30 IN A 127.0.0.5") && published.Contains("web.example.test. 30 IN A 127.0.0.2")))
        {
            await Task.Delay(100);
        }

        var text = File.ReadAllText(zone);
        Assert.Contains("web.example.test. 30 IN A 127.0.0.2", text);
        Assert.DoesNotContain("127.0.0.3", text);
        Assert.Contains("api.example.test. 30 IN A 127.0.0.4", text);

        // A demo target told to fail leaves DNS.
        using var http = new HttpClient();
        (await http.PostAsync("http://127.0.0.2:8081/_demo/down", null)).EnsureSuccessStatusCode();
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !File.ReadAllText(zone).Contains("web.example.test. 30 IN A 127.0.0.3"))
        {
            await Task.Delay(100);
        }

        Assert.Contains("web.example.test. 30 IN A 127.0.0.3", File.ReadAllText(zone));
        Assert.Equal(0, await silo.StopAsync());
    }

    [Fact]
    public async Task Metrics_pass_promtool_check_metrics()
    {
        await using var scenario = await SiloScenario.CreateAsync("failover", "web-a", "web-b");
        var silo = await scenario.StartSiloAsync();
        await scenario.WaitForAsync(async () => (await silo.GetJsonAsync("/api/v1/endpoints/web-a")).GetProperty("health").GetString() == "healthy", TimeSpan.FromSeconds(15), "web-a healthy");
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(5), "web-a");
        var metrics = await silo.Http.GetStringAsync("/metrics");
        Assert.Contains("controlplane_probe_duration_seconds_bucket", metrics);
        Assert.Contains("controlplane_probe_phase_seconds_bucket{", metrics);
        Assert.Contains("phase=\"connect\"", metrics);
        Assert.Contains("phase=\"first_byte\"", metrics);
        var phases = (await silo.GetJsonAsync("/api/v1/endpoints/web-a")).GetProperty("regions")[0].GetProperty("lastObservation").GetProperty("phases");
        Assert.True(phases.GetProperty("total").GetString()!.Length > 0);
        Assert.True(phases.TryGetProperty("firstByte", out _));
        Assert.Contains("controlplane_dns_changes_total", metrics);

        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("promtool not found: scripts/prereqs.d installs prometheus");
        var start = new ProcessStartInfo(promtool, ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(metrics);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0 && output.Trim().Length == 0, $"promtool: {output}\n{metrics}");
    }

    [Fact]
    public async Task Apply_stores_a_new_definition_version_through_the_api()
    {
        await using var scenario = await SiloScenario.CreateAsync("failover", "web-a", "web-b");
        var silo = await scenario.StartSiloAsync();
        var before = (await silo.GetJsonAsync("/api/v1/definition")).GetProperty("version").GetInt64();

        var changed = File.ReadAllText(scenario.DefinitionPath).Replace("policy: failover", "policy: multivalue", StringComparison.Ordinal);
        var path = Write("cluster-v2.yaml", changed);
        var (exit, output) = await SiloProcess.RunToEndAsync(_dir, "apply", path, "--server", scenario.Api.ToString());

        Assert.True(exit == 0, output);
        var after = await silo.GetJsonAsync("/api/v1/definition");
        Assert.Equal(before + 1, after.GetProperty("version").GetInt64());
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(15), "web-a", "web-b");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ControlPlane.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
