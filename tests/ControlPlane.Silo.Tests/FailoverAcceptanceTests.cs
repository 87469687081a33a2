using System.Text.Json;

namespace ControlPlane.Silo.Tests;

/// <summary>The walking skeleton's acceptance: a real silo process, real targets, a real zone file.</summary>
public sealed class FailoverAcceptanceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private const int Fall = 2;
    private const int Rise = 2;

    /// <summary>The bound, interval x fall + 2 s, plus the configured 10% jitter on each interval.</summary>
    private static readonly TimeSpan FailoverBound = Interval * Fall * 1.1 + TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Stopped_target_is_failed_over_with_a_decision_and_returns_after_rise_successes()
    {
        await using var scenario = await SiloScenario.CreateAsync("failover", "web-a", "web-b");
        var silo = await scenario.StartSiloAsync();
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(15), "web-a");
        await scenario.WaitForAsync(async () => await HealthAsync(silo, "web-a") == "healthy", TimeSpan.FromSeconds(10), "web-a healthy");

        await scenario.StopTargetAsync("web-a");
        var unhealthyAfter = await scenario.WaitForAsync(async () => await HealthAsync(silo, "web-a") == "unhealthy", FailoverBound, "web-a unhealthy");
        await scenario.WaitForPublishedAsync(FailoverBound - unhealthyAfter + TimeSpan.FromSeconds(1), "web-b");

        var decisions = await silo.GetJsonAsync("/api/v1/decisions?endpoint=web-a");
        var down = decisions.EnumerateArray().First(d => d.GetProperty("kind").GetString() == "healthChanged");
        Assert.Equal("unhealthy", down.GetProperty("to").GetString());
        var region = down.GetProperty("evidence").GetProperty("quorum").GetProperty("regions")[0];
        Assert.Equal("eu-central", region.GetProperty("region").GetString());
        Assert.Equal("down", region.GetProperty("verdict").GetString());
        Assert.Equal("connectFailed", region.GetProperty("lastObservation").GetProperty("outcome").GetString());
        Assert.Equal(Fall, down.GetProperty("evidence").GetProperty("fall").GetInt32());

        var changes = await silo.GetJsonAsync("/api/v1/dns-changes?service=web");
        Assert.Contains(changes.EnumerateArray(), c => c.GetProperty("after").EnumerateArray().Select(a => a.GetString()).SequenceEqual([scenario.AddressOf("web-b")]));

        await scenario.StartTargetAsync("web-a");
        await scenario.WaitForPublishedAsync(Interval * (Rise + 1) * 1.1 + TimeSpan.FromSeconds(3), "web-a");
        Assert.Equal("healthy", await HealthAsync(silo, "web-a"));
    }

    [Fact]
    public async Task When_every_target_is_down_the_zone_keeps_all_of_them_and_the_api_shows_fail_open()
    {
        await using var scenario = await SiloScenario.CreateAsync("multivalue", "web-a", "web-b");
        var silo = await scenario.StartSiloAsync();
        await scenario.WaitForAsync(async () => await HealthAsync(silo, "web-a") == "healthy" && await HealthAsync(silo, "web-b") == "healthy", TimeSpan.FromSeconds(15), "both healthy");

        await scenario.StopTargetAsync("web-a");
        await scenario.WaitForPublishedAsync(FailoverBound + TimeSpan.FromSeconds(1), "web-b");
        await scenario.StopTargetAsync("web-b");
        await scenario.WaitForAsync(async () => await HealthAsync(silo, "web-b") == "unhealthy", FailoverBound, "web-b unhealthy");

        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(3), "web-a", "web-b");
        var service = await silo.GetJsonAsync("/api/v1/services/web");
        Assert.True(service.GetProperty("desired").GetProperty("failedOpen").GetBoolean());
        Assert.Contains("no endpoint is healthy", service.GetProperty("desired").GetProperty("failOpenReason").GetString());
        var list = await silo.GetJsonAsync("/api/v1/services");
        Assert.True(list[0].GetProperty("failedOpen").GetBoolean());
        Assert.Contains("controlplane_service_failed_open{service=\"web\"} 1", await silo.Http.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task A_restarted_silo_resumes_from_the_store_without_repeating_decisions()
    {
        await using var scenario = await SiloScenario.CreateAsync("failover", "web-a", "web-b");
        var silo = await scenario.StartSiloAsync();
        await scenario.StopTargetAsync("web-a");
        await scenario.WaitForPublishedAsync(TimeSpan.FromSeconds(15), "web-b");

        // web-b may be published (unknown counts as serving) before its own first decision, unknown -> healthy.
        await scenario.WaitForAsync(async () => await HealthAsync(silo, "web-b") == "healthy", TimeSpan.FromSeconds(10), "web-b healthy");
        var before = await DecisionIdsAsync(silo);

        await silo.KillAsync();
        silo = await scenario.StartSiloAsync();

        // Straight after the restart the endpoint is still unhealthy: state came from the store.
        Assert.Equal("unhealthy", await HealthAsync(silo, "web-a"));
        await Task.Delay(Interval * 5);
        Assert.Equal(scenario.AddressOf("web-b"), Assert.Single(scenario.PublishedAddresses()));
        var after = await DecisionIdsAsync(silo);
        Assert.Equal(before, after);

        var changes = await silo.GetJsonAsync("/api/v1/dns-changes?service=web");
        var ids = changes.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        Assert.Equal(0, await silo.StopAsync());
    }

    [Fact]
    public async Task Invalid_api_requests_are_refused_with_the_bad_field_named()
    {
        await using var scenario = await SiloScenario.CreateAsync("failover", "web-a");
        var silo = await scenario.StartSiloAsync();

        // Drain requests have their own tests (DrainAcceptanceTests): reason and actor are optional now.
        var (status, _) = await silo.PostJsonAsync("/api/v1/endpoints/nope/drain", new { actor = "me", reason = "x" });
        Assert.Equal(404, status);

        using var badQuery = await silo.Http.GetAsync("/api/v1/decisions?from=yesterday&limit=0");
        Assert.Equal(400, (int)badQuery.StatusCode);
        var error = await badQuery.Content.ReadAsStringAsync();
        Assert.Contains("from:", error);
        Assert.Contains("limit:", error);

        using var badDefinition = await silo.Http.PutAsync("/api/v1/definition", new StringContent("regions: [eu-central]\nservices: 7\n"));
        Assert.Equal(400, (int)badDefinition.StatusCode);
        Assert.Contains("services", await badDefinition.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_serves_an_openapi_document_a_status_page_and_endpoint_details()
    {
        await using var scenario = await SiloScenario.CreateAsync("failover", "web-a", "web-b");
        var silo = await scenario.StartSiloAsync();
        await scenario.WaitForAsync(async () => await HealthAsync(silo, "web-a") == "healthy", TimeSpan.FromSeconds(15), "web-a healthy");

        var openApi = await silo.GetJsonAsync("/openapi/v1.json");
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/endpoints/{id}/drain", paths);
        Assert.Contains("/api/v1/decisions", paths);

        // The status page is a shell that renders from /api/v1 (its own browser tests cover the content).
        var page = await silo.Http.GetStringAsync("/");
        Assert.Contains("<!doctype html>", page);
        var services = await silo.Http.GetStringAsync("/api/v1/services");
        Assert.Contains("web.example.test.", services);
        Assert.Contains("web-a", services);

        var endpoint = await silo.GetJsonAsync("/api/v1/endpoints/web-a");
        Assert.Equal("healthy", endpoint.GetProperty("health").GetString());
        var region = endpoint.GetProperty("regions")[0];
        Assert.Equal("up", region.GetProperty("verdict").GetString());
        Assert.Equal("success", region.GetProperty("lastObservation").GetProperty("outcome").GetString());
        Assert.Equal(1, (await silo.GetJsonAsync("/api/v1/services/web")).GetProperty("published").GetArrayLength());
    }

    private static async Task<string?> HealthAsync(SiloProcess silo, string endpoint) =>
        (await silo.GetJsonAsync($"/api/v1/endpoints/{endpoint}")).GetProperty("health").GetString();

    private static async Task<List<string>> DecisionIdsAsync(SiloProcess silo) =>
        (await silo.GetJsonAsync("/api/v1/decisions?limit=1000")).EnumerateArray().Select(d => d.GetProperty("id").GetString()!).Order().ToList();
}
