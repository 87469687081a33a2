using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using ControlPlane.Testing.Bind;
using Xunit.Abstractions;

namespace ControlPlane.Silo.Tests.Bind;

/// <summary>
/// End to end with a real silo process publishing through its rfc2136 provider to a real BIND 9,
/// and the real <c>dig</c> and <c>nsupdate</c> on the other side. Each test starts from a fresh zone
/// in which <c>web.example.test.</c> holds one seeded A record: <see cref="ForeignAddress"/>, so that
/// dig showing web-a proves the silo wrote it, or web-a's address where a test needs the silo to
/// find the server already right.
/// </summary>
[Collection(SiloBindCollection.Name)]
public sealed class Rfc2136PublishingTests
{
    private const string Name = "web.example.test.";

    /// <summary>An address that is none of the endpoints'.</summary>
    private const string ForeignAddress = "192.0.2.99";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private const int Fall = 2;

    /// <summary>As in <see cref="FailoverAcceptanceTests"/>: interval x fall + 2 s, plus the 10% jitter.</summary>
    private static readonly TimeSpan FailoverBound = Interval * Fall * 1.1 + TimeSpan.FromSeconds(2);

    /// <summary>The issue's bound from the decision to the authoritative server serving the change.</summary>
    private static readonly TimeSpan DecisionToDnsBound = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan DigEvery = TimeSpan.FromMilliseconds(50);

    private readonly BindServer _bind;
    private readonly ITestOutputHelper _output;

    public Rfc2136PublishingTests(SiloBindFixture fixture, ITestOutputHelper output)
    {
        _bind = fixture.Server;
        _output = output;
    }

    [Fact]
    public async Task Failover_reaches_bind_within_a_second_of_the_decision()
    {
        await using var scenario = await CreateAsync(new Rfc2136Publishing(_bind), seed: ForeignAddress);
        var silo = await scenario.StartSiloAsync();
        await WaitUntilPublishedAsync(scenario, silo, "web-a");

        await scenario.StopTargetAsync("web-a");
        var servedB = await DigUntilAsync(scenario, FailoverBound + DecisionToDnsBound, "web-b");

        var decision = await UnhealthyDecisionAsync(silo, "web-a");
        var decidedAt = decision.GetProperty("at").GetDateTimeOffset();
        var lag = servedB - decidedAt;
        _output.WriteLine($"decision at {decidedAt:HH:mm:ss.fff}, dig showed only web-b at {servedB:HH:mm:ss.fff}: {lag.TotalMilliseconds:0} ms");
        Assert.True(
            lag >= TimeSpan.Zero && lag <= DecisionToDnsBound,
            $"decided at {decidedAt:HH:mm:ss.fff}, dig showed only web-b at {servedB:HH:mm:ss.fff}: {lag.TotalMilliseconds:0} ms (bound {DecisionToDnsBound.TotalMilliseconds:0} ms)");

        var change = await AppliedChangeToAsync(scenario, silo, "web-b");
        var appliedAt = change.GetProperty("appliedAt");
        Assert.True(appliedAt.GetDateTimeOffset() >= decidedAt, $"applied at {appliedAt}, before the decision at {decidedAt:O}");
        Assert.Equal(Rfc2136Publishing.ProviderId, change.GetProperty("providerId").GetString());
        Assert.Equal((await _bind.SerialAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), change.GetProperty("providerChangeId").GetString());
    }

    [Fact]
    public async Task Drift_made_by_hand_is_repaired_and_reported()
    {
        await using var scenario = await CreateAsync(new Rfc2136Publishing(_bind) { ServiceDnsSettings = ["reconcileEvery: 2s"] });
        var silo = await scenario.StartSiloAsync();
        await WaitUntilPublishedAsync(scenario, silo, "web-a");

        var serial = await _bind.SerialAsync();
        Assert.DoesNotContain(await DnsChangesAsync(silo), IsDriftRepair);
        Assert.Equal(0.0, DriftCount(await silo.Http.GetStringAsync("/metrics")) ?? 0.0);

        // nsupdate fails unless the server applied it; dig is not asked in between, since the
        // periodic reconcile may repair the drift at any moment.
        await _bind.NsupdateAsync($"update delete {Name} A", $"update add {Name} 30 A {ForeignAddress}");
        var drifted = DateTimeOffset.UtcNow;
        var repaired = await DigUntilAsync(scenario, TimeSpan.FromSeconds(6), "web-a");

        _output.WriteLine($"dig showed web-a again {(repaired - drifted).TotalMilliseconds:0} ms after the drift");
        Assert.True(await _bind.SerialAsync() >= serial + 2, "the zone changed twice: by hand, then by the repair");
        await scenario.WaitForAsync(
            async () => (await DnsChangesAsync(silo)).Any(IsDriftRepair),
            TimeSpan.FromSeconds(3),
            "a DNS change whose reason starts with 'drift repaired'");
        var metrics = await silo.Http.GetStringAsync("/metrics");
        var drift = DriftCount(metrics);
        Assert.True(drift >= 1, $"controlplane_dns_drift_total{{service=\"web\",provider=\"{Rfc2136Publishing.ProviderId}\"}} is {drift?.ToString() ?? "missing"}:\n{metrics}");
    }

    [Fact]
    public async Task A_wrong_tsig_key_is_refused_and_reported()
    {
        var wrongSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var scenario = await CreateAsync(new Rfc2136Publishing(_bind) { Secret = wrongSecret }, seed: ForeignAddress);
        var silo = await scenario.StartSiloAsync();

        await scenario.WaitForAsync(
            async () => LastError(await silo.GetJsonAsync("/api/v1/services/web")) is { } error && (error.Contains("BADSIG") || error.Contains("NOTAUTH")),
            TimeSpan.FromSeconds(15),
            "lastError of service web naming the refusal (BADSIG or NOTAUTH)");
        _output.WriteLine($"lastError: {LastError(await silo.GetJsonAsync("/api/v1/services/web"))}");

        // The refusal is reported, not fatal: the silo goes on probing and serving its API.
        await scenario.WaitForAsync(async () => await HealthAsync(silo, "web-a") == "healthy", TimeSpan.FromSeconds(10), "web-a healthy after the refusal");
        using (var health = await silo.Http.GetAsync("/healthz"))
        {
            Assert.True(health.IsSuccessStatusCode, $"/healthz: {(int)health.StatusCode}\n{silo.Output}");
        }

        var metrics = await silo.Http.GetStringAsync("/metrics");
        var failed = MetricsText.Sum(metrics, "controlplane_dns_changes_total", ("service", "web"), ("provider", Rfc2136Publishing.ProviderId), ("result", "failed"));
        Assert.True(failed >= 1, $"controlplane_dns_changes_total{{...,result=\"failed\"}} is {failed?.ToString() ?? "missing"}:\n{metrics}");
        Assert.Equal([ForeignAddress], await _bind.DigAsync(Name));
        Assert.DoesNotContain(wrongSecret, silo.Output);
    }

    [Fact]
    public async Task Provider_outage_during_failover_is_applied_after_it_returns()
    {
        await using var scenario = await CreateAsync(new Rfc2136Publishing(_bind), seed: ForeignAddress);
        var silo = await scenario.StartSiloAsync();
        await WaitUntilPublishedAsync(scenario, silo, "web-a");

        await _bind.StopAsync();
        try
        {
            await scenario.StopTargetAsync("web-a");
            await scenario.WaitForAsync(async () => await HealthAsync(silo, "web-a") == "unhealthy", FailoverBound, "web-a unhealthy while BIND is down");
            await scenario.WaitForAsync(
                async () => LastError(await silo.GetJsonAsync("/api/v1/services/web"))?.Contains("cannot reach", StringComparison.Ordinal) == true,
                TimeSpan.FromSeconds(3),
                "lastError of service web saying BIND cannot be reached");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await _bind.StartAsync();
        }

        await DigUntilAsync(scenario, TimeSpan.FromSeconds(35), "web-b");
        await AppliedChangeToAsync(scenario, silo, "web-b");
    }

    [Fact]
    public async Task Dry_run_records_the_change_and_changes_nothing()
    {
        await using var scenario = await CreateAsync(new Rfc2136Publishing(_bind) { ServiceDnsSettings = ["dryRun: true"] });
        var silo = await scenario.StartSiloAsync();
        await scenario.WaitForAsync(
            async () => await HealthAsync(silo, "web-a") == "healthy" && await HealthAsync(silo, "web-b") == "healthy",
            TimeSpan.FromSeconds(15),
            "web-a and web-b healthy");
        var serial = await _bind.SerialAsync();

        await scenario.StopTargetAsync("web-a");
        await scenario.WaitForAsync(
            async () => (await DnsChangesAsync(silo)).Any(c => c.GetProperty("dryRun").GetBoolean() && After(c).SequenceEqual([scenario.AddressOf("web-b")])),
            FailoverBound + TimeSpan.FromSeconds(2),
            "a dry-run DNS change to web-b");

        Assert.Equal([scenario.AddressOf("web-a")], await _bind.DigAsync(Name));
        Assert.Empty(await _bind.DigAsync(Name, "AAAA"));
        Assert.Equal(serial, await _bind.SerialAsync());
        Assert.DoesNotContain(await DnsChangesAsync(silo), c => !c.GetProperty("dryRun").GetBoolean());
    }

    /// <summary>
    /// A scenario with endpoints web-a (priority 1) and web-b, and BIND restarted with a fresh zone in
    /// which <see cref="Name"/> holds <paramref name="seed"/>, by default web-a's address.
    /// </summary>
    private async Task<SiloScenario> CreateAsync(Rfc2136Publishing publishing, string? seed = null)
    {
        var scenario = await SiloScenario.CreateWithRfc2136Async(publishing, "failover", "web-a", "web-b");
        try
        {
            await _bind.ResetZoneAsync($"{Name} 30 IN A {seed ?? scenario.AddressOf("web-a")}");
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until both endpoints are healthy and the silo has published exactly <paramref name="id"/>, and dig shows it.</summary>
    private async Task WaitUntilPublishedAsync(SiloScenario scenario, SiloProcess silo, string id)
    {
        string[] expected = [scenario.AddressOf(id)];
        await scenario.WaitForAsync(
            async () =>
            {
                var service = await silo.GetJsonAsync("/api/v1/services/web");
                return !service.TryGetProperty("pendingChange", out _)
                    && service.GetProperty("published").EnumerateArray().Select(a => a.GetString()).SequenceEqual(expected)
                    && await HealthAsync(silo, "web-a") == "healthy" && await HealthAsync(silo, "web-b") == "healthy";
            },
            TimeSpan.FromSeconds(15),
            $"web-a and web-b healthy and {id} published");
        Assert.Equal(expected, await _bind.DigAsync(Name));
    }

    /// <summary>Runs dig every <see cref="DigEvery"/> until it shows exactly the addresses of <paramref name="ids"/>; returns when dig returned that answer.</summary>
    private async Task<DateTimeOffset> DigUntilAsync(SiloScenario scenario, TimeSpan timeout, params string[] ids)
    {
        var expected = ids.Select(scenario.AddressOf).Order(StringComparer.Ordinal).ToList();
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<string> served;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            served = await _bind.DigAsync(Name);
            var now = DateTimeOffset.UtcNow;
            if (served.SequenceEqual(expected))
            {
                return now;
            }

            if (deadline.Elapsed > timeout)
            {
                break;
            }

            var wait = DigEvery - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        var service = scenario.Silo is { } silo ? (await silo.GetJsonAsync("/api/v1/services/web")).ToString() : "(no silo)";
        Assert.Fail($"dig did not show exactly {string.Join(", ", ids)} ({string.Join(", ", expected)}) within {timeout.TotalSeconds} s; " +
            $"it shows {string.Join(", ", served)}\nservice: {service}\nsilo output:\n{scenario.Silo?.Output}");
        return default;
    }

    /// <summary>
    /// The DNS change to exactly <paramref name="id"/>'s address, once it is recorded with <c>appliedAt</c>
    /// (the record is written after the server confirmed, so dig may see the change a moment earlier).
    /// </summary>
    private static async Task<JsonElement> AppliedChangeToAsync(SiloScenario scenario, SiloProcess silo, string id)
    {
        JsonElement? change = null;
        await scenario.WaitForAsync(
            async () =>
            {
                change = (await DnsChangesAsync(silo)).LastOrDefault(c => After(c).SequenceEqual([scenario.AddressOf(id)]) && c.TryGetProperty("appliedAt", out _));
                return change is not null;
            },
            TimeSpan.FromSeconds(3),
            $"a DNS change to {id} recorded with appliedAt");
        return change!.Value;
    }

    private static bool IsDriftRepair(JsonElement change) =>
        change.GetProperty("reason").GetString()!.StartsWith("drift repaired", StringComparison.Ordinal);

    private static double? DriftCount(string metrics) =>
        MetricsText.Sum(metrics, "controlplane_dns_drift_total", ("service", "web"), ("provider", Rfc2136Publishing.ProviderId));

    private static async Task<JsonElement> UnhealthyDecisionAsync(SiloProcess silo, string endpoint)
    {
        var decisions = await silo.GetJsonAsync($"/api/v1/decisions?endpoint={endpoint}");
        return decisions.EnumerateArray().First(d => d.GetProperty("kind").GetString() == "healthChanged" && d.GetProperty("to").GetString() == "unhealthy");
    }

    private static async Task<List<JsonElement>> DnsChangesAsync(SiloProcess silo) =>
        (await silo.GetJsonAsync("/api/v1/dns-changes?service=web")).EnumerateArray().ToList();

    private static IEnumerable<string?> After(JsonElement change) =>
        change.GetProperty("after").EnumerateArray().Select(a => a.GetString());

    private static string? LastError(JsonElement service) =>
        service.TryGetProperty("lastError", out var error) ? error.GetString() : null;

    private static async Task<string?> HealthAsync(SiloProcess silo, string endpoint) =>
        (await silo.GetJsonAsync($"/api/v1/endpoints/{endpoint}")).GetProperty("health").GetString();
}
