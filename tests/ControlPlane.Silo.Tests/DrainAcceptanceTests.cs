namespace ControlPlane.Silo.Tests;

/// <summary>Drains against a real silo process publishing into a real zone file: the states follow DNS and the TTL, and the budget holds.</summary>
public sealed class DrainAcceptanceTests
{
    private const int Ttl = 4;

    [Fact]
    public async Task A_drain_is_drained_only_after_the_zone_stops_serving_it_and_the_ttl_passed_the_budget_refuses_a_second_unless_forced_and_undrain_restores()
    {
        await using var scenario = await SiloScenario.CreateAsync("multivalue", Ttl, ["maxUnavailable: 1"], "web-a", "web-b", "web-c");
        var silo = await scenario.StartSiloAsync();
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(15), "web-a", "web-b", "web-c");
        await scenario.WaitForAsync(async () => await AllHealthyAsync(silo, "web-a", "web-b", "web-c"), TimeSpan.FromSeconds(15), "all healthy");

        var (status, drain) = await silo.PostJsonAsync("/api/v1/endpoints/web-a/drain", new { reason = "kernel upgrade", actor = "rolling-restart" });
        Assert.Equal(202, status);
        Assert.Equal(("draining", "web-a", "web", "bootstrap (rolling-restart)", "kernel upgrade"),
            (drain.GetProperty("state").GetString(), drain.GetProperty("endpoint").GetString(), drain.GetProperty("service").GetString(),
             drain.GetProperty("requestedBy").GetString(), drain.GetProperty("reason").GetString()));
        var id = drain.GetProperty("id").GetString()!;

        // The zone drops it; the TTL has not passed yet, so it is still draining.
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(5), "web-b", "web-c");
        var zoneChangedBy = DateTimeOffset.UtcNow;
        Assert.Equal("draining", (await silo.GetJsonAsync($"/api/v1/drains/{id}")).GetProperty("state").GetString());

        var drained = await silo.WaitForDrainAsync(id, "drained", "drained", TimeSpan.FromSeconds(20));
        var notServedSince = drained.Time("notServedSince");
        Assert.True(notServedSince <= zoneChangedBy, $"DNS stopped serving it at {notServedSince:O}, after the test saw the zone change at {zoneChangedBy:O}");
        Assert.True(drained.Time("drainedAt") - notServedSince >= TimeSpan.FromSeconds(Ttl), drained.ToString());

        // Budget 1: web-a counts, so web-b is refused with the reason and the refusal is a decision.
        var (refusedStatus, refused) = await silo.PostJsonAsync("/api/v1/endpoints/web-b/drain", new { reason = "second", actor = "rolling-restart" });
        Assert.Equal(409, refusedStatus);
        Assert.Contains("maxUnavailable 1 allows 1 of 3", refused.GetProperty("reason").GetString());
        var refusal = (await silo.DecisionsOfAsync("web-b")).Last();
        Assert.Equal("drainRefused", refusal.Kind());
        Assert.Equal(["web-a"], refusal.GetProperty("budget").GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["web-b", "web-c"], scenario.PublishedAddresses().Select(a => scenario.Endpoints.Single(e => e.Value.Address.ToString() == a).Key));

        // Forced: it goes ahead, recorded as an override with the same evidence.
        var (forcedStatus, forced) = await silo.PostJsonAsync("/api/v1/endpoints/web-b/drain", new { reason = "second", actor = "admin", force = true });
        Assert.Equal(202, forcedStatus);
        Assert.True(forced.GetProperty("forced").GetBoolean());
        Assert.Contains(await silo.DecisionsOfAsync("web-b"), d => d.Kind() == "drainForced" && d.GetProperty("budget").GetProperty("maxUnavailable").GetInt32() == 1);
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(5), "web-c");

        // Undrain: undraining at once, restored after rise successes and once the zone serves it again.
        var (undrainStatus, undraining) = await silo.PostJsonAsync("/api/v1/endpoints/web-a/undrain", new { actor = "rolling-restart" });
        Assert.Equal(202, undrainStatus);
        Assert.Equal((id, "undraining"), (undraining.GetProperty("id").GetString(), undraining.GetProperty("state").GetString()));
        var restored = await silo.WaitForDrainAsync(id, "restored", "restored", TimeSpan.FromSeconds(20));
        Assert.Contains(scenario.AddressOf("web-a"), scenario.PublishedAddresses());
        Assert.True(restored.Time("finishedAt") - restored.Time("undrainStartedAt") >= TimeSpan.FromSeconds(1), "restored before rise (2) successes at a 1 s interval");

        var kinds = (await silo.DecisionsOfAsync("web-a")).Select(d => d.Kind()).Where(k => k is not "healthChanged").ToList();
        Assert.Equal(["drainStarted", "drained", "undrainStarted", "restored"], kinds);
        var list = await silo.GetJsonAsync("/api/v1/drains?limit=1");
        Assert.Equal(1, list.GetProperty("drains").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(list.GetProperty("nextCursor").GetString()));
    }

    [Fact]
    public async Task Bad_drain_requests_are_refused_with_the_field_named()
    {
        await using var scenario = await SiloScenario.CreateAsync("failover", "web-a");
        var silo = await scenario.StartSiloAsync();

        var (status, _) = await silo.PostJsonAsync("/api/v1/endpoints/nope/drain", new { reason = "x" });
        Assert.Equal(404, status);
        (status, _) = await silo.PostJsonAsync("/api/v1/endpoints/web-a/undrain", new { });
        Assert.Equal(409, status);

        using var badWait = await silo.Http.GetAsync("/api/v1/drains/web-a:1?wait=gone&timeout=1h");
        Assert.Equal(400, (int)badWait.StatusCode);
        var text = await badWait.Content.ReadAsStringAsync();
        Assert.Contains("wait:", text);
        Assert.Contains("timeout:", text);

        var (bad, body) = await silo.PostJsonAsync("/api/v1/maintenance", new { target = new { endpoint = "nope" }, start = "soon", mode = "nap" });
        Assert.Equal(400, bad);
        var details = body.GetProperty("details").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.Contains(details, d => d.StartsWith("target.endpoint:", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("start:", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("end:", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("mode:", StringComparison.Ordinal));
    }

    private static async Task<bool> AllHealthyAsync(SiloProcess silo, params string[] ids)
    {
        foreach (var id in ids)
        {
            if ((await silo.GetJsonAsync($"/api/v1/endpoints/{id}")).GetProperty("health").GetString() != "healthy")
            {
                return false;
            }
        }

        return true;
    }
}
