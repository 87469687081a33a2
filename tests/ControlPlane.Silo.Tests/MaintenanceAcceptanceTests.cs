using System.Globalization;

namespace ControlPlane.Silo.Tests;

/// <summary>Maintenance windows and datacenter evacuation against a real silo process and a real zone file.</summary>
public sealed class MaintenanceAcceptanceTests
{
    [Fact]
    public async Task A_drain_window_takes_its_endpoint_out_at_the_start_and_back_at_the_end_even_across_a_silo_kill()
    {
        await using var scenario = await SiloScenario.CreateAsync("multivalue", 2, [], "web-a", "web-b");
        var silo = await scenario.StartSiloAsync();
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(15), "web-a", "web-b");

        var start = DateTimeOffset.UtcNow.AddSeconds(2);
        var (status, window) = await silo.PostJsonAsync("/api/v1/maintenance", new
        {
            target = new { endpoint = "web-a" },
            start = Iso(start),
            end = Iso(start.AddSeconds(25)),
            mode = "drain",
            reason = "rack move",
        });
        Assert.Equal(201, status);
        var id = window.GetProperty("id").GetString()!;
        Assert.Equal("scheduled", window.GetProperty("state").GetString());

        // kill -9 before the start: the restarted silo reads the window and starts it.
        await silo.KillAsync();
        silo = await scenario.StartSiloAsync();
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(15), "web-b");
        Assert.True(DateTimeOffset.UtcNow >= start, "the window's endpoint left DNS before the window started");
        // The window is written active once the drains it asked for are in (the zone may change first).
        await scenario.WaitForAsync(async () => (await silo.GetJsonAsync($"/api/v1/maintenance/{id}")).GetProperty("state").GetString() == "active",
            TimeSpan.FromSeconds(5), "the window is active");
        var drainId = (await silo.GetJsonAsync("/api/v1/endpoints/web-a")).GetProperty("drain").GetProperty("id").GetString()!;
        var drain = await silo.WaitForDrainAsync(drainId, "drained", "drained", TimeSpan.FromSeconds(15));
        Assert.Equal($"maintenance:{id}", drain.GetProperty("origin").GetString());

        // Cancelling ends it now: the drain it started is undrained.
        using var cancel = await silo.Http.DeleteAsync($"/api/v1/maintenance/{id}");
        Assert.Equal(200, (int)cancel.StatusCode);
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(10), "web-a", "web-b");
        var kinds = (await silo.DecisionsOfAsync("web-a")).Select(d => d.Kind()).ToList();
        Assert.All(new[] { "maintenanceStarted", "drainStarted", "drained", "maintenanceEnded", "undrainStarted" }, k => Assert.Single(kinds, k));
    }

    [Fact]
    public async Task A_mute_window_marks_decisions_muted_without_touching_dns_and_ends_on_time()
    {
        await using var scenario = await SiloScenario.CreateAsync("multivalue", 2, [], "web-a", "web-b");
        var silo = await scenario.StartSiloAsync();
        await scenario.WaitForAsync(async () => (await silo.GetJsonAsync("/api/v1/endpoints/web-b")).GetProperty("health").GetString() == "healthy", TimeSpan.FromSeconds(15), "web-b healthy");

        var end = DateTimeOffset.UtcNow.AddSeconds(8);
        var (status, window) = await silo.PostJsonAsync("/api/v1/maintenance", new
        {
            target = new { service = "web" },
            start = Iso(DateTimeOffset.UtcNow),
            end = Iso(end),
            mode = "mute",
            reason = "noisy deploy",
        });
        Assert.Equal(201, status);
        Assert.Equal("active", window.GetProperty("state").GetString());
        Assert.True((await silo.GetJsonAsync("/api/v1/endpoints/web-b")).GetProperty("muted").GetBoolean());

        await scenario.StopTargetAsync("web-b");
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(8), "web-a"); // DNS still acts on it
        var down = (await silo.DecisionsOfAsync("web-b")).Last(d => d.Kind() == "healthChanged");
        Assert.True(down.GetProperty("muted").GetBoolean());

        var id = window.GetProperty("id").GetString()!;
        await scenario.WaitForAsync(async () => (await silo.GetJsonAsync($"/api/v1/maintenance/{id}")).GetProperty("state").GetString() == "ended",
            end - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5), "the mute window ended");
        Assert.True(DateTimeOffset.UtcNow >= end);
        Assert.False((await silo.GetJsonAsync("/api/v1/endpoints/web-b")).GetProperty("muted").GetBoolean());
        var ended = (await silo.DecisionsOfAsync("web-b")).Last(d => d.Kind() == "maintenanceEnded");
        Assert.True(ended.GetProperty("muted").GetBoolean());

        await scenario.StartTargetAsync("web-b");
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(8), "web-a", "web-b");
        var up = (await silo.DecisionsOfAsync("web-b")).Last(d => d.Kind() == "healthChanged");
        Assert.False(up.GetProperty("muted").GetBoolean());
    }

    [Fact]
    public async Task Evacuating_a_datacenter_drains_its_endpoints_and_restore_brings_them_back()
    {
        // Endpoints alternate datacenters: web-a dc2, web-b dc1, web-c dc2.
        await using var scenario = await SiloScenario.CreateAsync("multivalue", 2, ["maxUnavailable: 1"], "web-a", "web-b", "web-c");
        var silo = await scenario.StartSiloAsync();
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(15), "web-a", "web-b", "web-c");
        await scenario.WaitForAsync(async () => (await silo.GetJsonAsync("/api/v1/endpoints/web-c")).GetProperty("health").GetString() == "healthy", TimeSpan.FromSeconds(15), "web-c healthy");

        var (status, evacuation) = await silo.PostJsonAsync("/api/v1/datacenters/dc2/evacuate", new { reason = "power work", actor = "ops", force = true });
        Assert.Equal(202, status);
        Assert.Equal("evacuating", evacuation.GetProperty("state").GetString());
        Assert.Equal(2, evacuation.GetProperty("drains").EnumerateArray().Count(e => e.GetProperty("drainId").ValueKind == System.Text.Json.JsonValueKind.String));

        var evacuated = await silo.WaitForEvacuationAsync("dc2", "evacuated", "evacuated", TimeSpan.FromSeconds(20));
        Assert.Equal(["web-b"], scenario.PublishedAddresses().Select(a => scenario.Endpoints.Single(e => e.Value.Address.ToString() == a).Key));
        Assert.Equal(2, evacuated.GetProperty("drained").GetInt32());
        var webC = (await silo.DecisionsOfAsync("web-c")).Select(d => d.Kind()).ToList();
        Assert.Contains("drainForced", webC); // the second drain of dc2 was past maxUnavailable 1
        Assert.Contains("evacuationStarted", webC);
        Assert.Contains("evacuated", webC);

        (status, _) = await silo.PostJsonAsync("/api/v1/datacenters/dc2/restore", new { actor = "ops" });
        Assert.Equal(202, status);
        await silo.WaitForEvacuationAsync("dc2", "restored", "restored", TimeSpan.FromSeconds(20));
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(3), "web-a", "web-b", "web-c");
        Assert.Contains(await silo.DecisionsOfAsync("web-a"), d => d.Kind() == "evacuationRestored");
    }

    private static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
