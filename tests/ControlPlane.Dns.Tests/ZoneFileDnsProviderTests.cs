using System.Diagnostics;
using System.Net;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Dns.ZoneFile;

namespace ControlPlane.Dns.Tests;

public sealed class ZoneFileDnsProviderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-zone-").FullName;
    private readonly ZoneFileDnsProviderFactory _factory = new();

    private string ZonePath => Path.Combine(_dir, "example.test.zone");

    private IDnsProvider Provider(string? command = null)
    {
        var settings = new Dictionary<string, string> { ["zone"] = "example.test.", ["path"] = ZonePath };
        if (command is not null)
        {
            settings["postChangeCommand"] = command;
        }

        Assert.Empty(_factory.Validate(settings));
        return _factory.Create(new DnsProviderDefinition("zone", "zonefile", settings));
    }

    private static DesiredRecordSet Set(string name, params string[] addresses) =>
        new("svc", name, 30, RoutingPolicy.Multivalue,
            addresses.Select((a, i) => new DnsTarget($"e{i}", IPAddress.Parse(a), 100, 1)).ToList(), null);

    private long Serial() => long.Parse(File.ReadAllLines(ZonePath).Single(l => l.Contains(" SOA ")).Split(' ')[6]);

    [Fact]
    public async Task Writes_the_records_and_reads_them_back()
    {
        var provider = Provider();
        var result = await provider.ApplyAsync(Set("web.example.test.", "192.0.2.1", "2001:db8::1"), default);

        Assert.True(result.Changed);
        var records = await provider.ReadAsync("web.example.test.", default);
        Assert.Equal(["A 192.0.2.1", "AAAA 2001:db8::1"], records.Select(r => $"{r.Type} {r.Value}").Order().ToArray());
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(_dir, ".*")));
    }

    [Fact]
    public async Task Unchanged_records_are_not_written_again_and_a_change_bumps_the_serial()
    {
        var provider = Provider();
        await provider.ApplyAsync(Set("web.example.test.", "192.0.2.1", "192.0.2.2"), default);
        var serial = Serial();
        var written = File.GetLastWriteTimeUtc(ZonePath);

        var again = await provider.ApplyAsync(Set("web.example.test.", "192.0.2.2", "192.0.2.1"), default);
        Assert.False(again.Changed);
        Assert.Equal(written, File.GetLastWriteTimeUtc(ZonePath));

        await provider.ApplyAsync(Set("web.example.test.", "192.0.2.2"), default);
        Assert.True(Serial() > serial);
    }

    [Fact]
    public async Task A_restarted_provider_keeps_other_services_records_and_a_higher_serial()
    {
        var first = Provider();
        await first.ApplyAsync(Set("web.example.test.", "192.0.2.1"), default);
        await first.ApplyAsync(Set("api.example.test.", "192.0.2.9"), default);
        var serial = Serial();

        var restarted = Provider();
        await restarted.ApplyAsync(Set("web.example.test.", "192.0.2.3"), default);

        Assert.Equal("192.0.2.9", Assert.Single(await restarted.ReadAsync("api.example.test.", default)).Value);
        Assert.Equal("192.0.2.3", Assert.Single(await restarted.ReadAsync("web.example.test.", default)).Value);
        Assert.True(Serial() > serial);
    }

    [Fact]
    public async Task Post_change_command_runs_after_each_change_with_the_zone_in_its_environment()
    {
        var log = Path.Combine(_dir, "pushed.log");
        var provider = Provider($"echo \"$CP_ZONE $CP_SERIAL $CP_ZONE_FILE\" >> {log}");
        await provider.ApplyAsync(Set("web.example.test.", "192.0.2.1"), default);
        await provider.ApplyAsync(Set("web.example.test.", "192.0.2.1"), default);
        await provider.ApplyAsync(Set("web.example.test.", "192.0.2.2"), default);

        var lines = File.ReadAllLines(log);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"example.test. {Serial()} {ZonePath}", lines[1]);
    }

    [Fact]
    public async Task A_failing_post_change_command_is_reported_as_transient_and_run_again_on_the_next_apply()
    {
        var flag = Path.Combine(_dir, "fail");
        File.WriteAllText(flag, "");
        var provider = Provider($"test ! -e {flag} || {{ echo push failed >&2; exit 3; }}");

        var error = await Assert.ThrowsAsync<DnsProviderException>(() => provider.ApplyAsync(Set("web.example.test.", "192.0.2.1"), default));
        Assert.True(error.Transient);
        Assert.Contains("push failed", error.Message);

        File.Delete(flag);
        var retry = await provider.ApplyAsync(Set("web.example.test.", "192.0.2.1"), default);
        Assert.False(retry.Changed);
        Assert.Equal("post-change command re-run", retry.Summary);
    }

    [Fact]
    public async Task A_name_outside_the_zone_is_refused()
    {
        var error = await Assert.ThrowsAsync<DnsProviderException>(() => Provider().ApplyAsync(Set("web.other.test.", "192.0.2.1"), default));
        Assert.False(error.Transient);
    }

    [Fact]
    public void Settings_errors_name_each_bad_key()
    {
        var errors = _factory.Validate(new Dictionary<string, string> { ["zone"] = "example.test", ["colour"] = "blue", ["postChangeTimeout"] = "soon" }).ToList();
        Assert.Contains(errors, e => e.Key == "zone" && e.Message.Contains("trailing dot"));
        Assert.Contains(errors, e => e.Key == "path");
        Assert.Contains(errors, e => e.Key == "colour" && e.Message.Contains("unknown"));
        Assert.Contains(errors, e => e.Key == "postChangeTimeout");
    }

    [Fact]
    public async Task The_written_zone_passes_bind_named_checkzone()
    {
        var provider = Provider();
        await provider.ApplyAsync(Set("web.example.test.", "192.0.2.1", "192.0.2.2"), default);
        await provider.ApplyAsync(Set("api.example.test.", "2001:db8::5"), default);

        var checkzone = new[] { "/usr/bin/named-checkzone", "/usr/sbin/named-checkzone" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("named-checkzone not found: scripts/prereqs.d installs bind9-utils");
        using var process = Process.Start(new ProcessStartInfo(checkzone, ["example.test", ZonePath]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

public sealed class ZoneFileDriftTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-zone-drift-").FullName;

    [Fact]
    public async Task A_zone_file_edited_by_hand_is_rewritten_by_the_next_apply()
    {
        var path = Path.Combine(_dir, "z.zone");
        var settings = new Dictionary<string, string> { ["zone"] = "example.test.", ["path"] = path };
        var provider = new ZoneFileDnsProviderFactory().Create(new DnsProviderDefinition("zone", "zonefile", settings));
        var set = new DesiredRecordSet("svc", "web.example.test.", 30, RoutingPolicy.Failover, [new DnsTarget("a", IPAddress.Parse("192.0.2.1"), 100, 1)], null);
        await provider.ApplyAsync(set, default);

        File.WriteAllText(path, File.ReadAllText(path).Replace("192.0.2.1", "203.0.113.66"));
        Assert.Equal("203.0.113.66", Assert.Single(await provider.ReadAsync("web.example.test.", default)).Value);

        var repaired = await provider.ApplyAsync(set, default);
        Assert.True(repaired.Changed);
        Assert.Equal("192.0.2.1", Assert.Single(await provider.ReadAsync("web.example.test.", default)).Value);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
