using System.Net;
using System.Text.Json;

namespace ControlPlane.StatusPage.Tests;

/// <summary><c>GET /api/v1/history</c> and <c>/api/v1/probing</c> of a real silo: the shape the page reads, and a 400 naming each bad parameter.</summary>
[Collection(StatusPageCollection.Name)]
public sealed class HistoryApiTests(BrowserFixture fixture)
{
    private HttpClient Http => fixture.Scenario.Silo.Http;

    [Theory]
    [InlineData("hours=0", "hours: '0' must be a whole number from 1 to 24")]
    [InlineData("hours=25", "hours: '25' must be a whole number from 1 to 24")]
    [InlineData("hours=two", "hours: 'two' must be a whole number from 1 to 24")]
    [InlineData("hours=1&hours=2", "hours: given 2 times, at most once")]
    [InlineData("service=nope", "service: no service 'nope' in the current cluster definition")]
    [InlineData("endpoint=nope", "endpoint: no endpoint 'nope' in the current cluster definition")]
    [InlineData("window=1h", "window: unknown query parameter (known: service, endpoint, hours)")]
    public async Task A_bad_query_is_a_400_naming_the_parameter(string query, string expected)
    {
        using var response = await Http.GetAsync($"/api/v1/history?{query}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, body.GetProperty("details").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task History_has_quarter_hour_uptime_and_minute_latency_for_each_selected_endpoint()
    {
        var history = await WaitForChecksAsync("web-a");
        Assert.Equal(900, history.GetProperty("uptime").GetProperty("bucketSeconds").GetInt32());
        Assert.Equal(4 * 3, history.GetProperty("uptime").GetProperty("count").GetInt32());
        Assert.Equal(60, history.GetProperty("recent").GetProperty("bucketSeconds").GetInt32());
        var endpoint = Assert.Single(history.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("web-a", endpoint.GetProperty("id").GetString());
        Assert.Equal(12, endpoint.GetProperty("healthy").GetArrayLength());
        var region = Assert.Single(endpoint.GetProperty("regions").EnumerateArray());
        Assert.Equal("eu-central", region.GetProperty("region").GetString());
        Assert.Equal(12, region.GetProperty("checks").GetArrayLength());
        Assert.Equal(60, region.GetProperty("recentLatencyMs").GetArrayLength());
        Assert.True(region.GetProperty("recentLatencyMs")[59].ValueKind == JsonValueKind.Number
            || region.GetProperty("recentLatencyMs")[58].ValueKind == JsonValueKind.Number, "no latency in the last two minutes");

        var all = await fixture.Scenario.Silo.GetJsonAsync("/api/v1/history?service=api");
        Assert.Equal(["api-a", "api-b"], all.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList());
    }

    [Fact]
    public async Task Probing_reports_this_silos_queue_and_lag()
    {
        var probing = await fixture.Scenario.Silo.GetJsonAsync("/api/v1/probing");
        Assert.Equal("silo-status", probing.GetProperty("silo").GetString());
        Assert.Equal("eu-central", probing.GetProperty("region").GetString());
        Assert.True(probing.GetProperty("maxConcurrent").GetInt32() >= 1);
        Assert.True(probing.GetProperty("worstLagSeconds").GetDouble() >= 0);
    }

    /// <summary>The endpoint's 3-hour history once its region has counted a check in the current quarter hour.</summary>
    private async Task<JsonElement> WaitForChecksAsync(string endpoint)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var history = await fixture.Scenario.Silo.GetJsonAsync($"/api/v1/history?endpoint={endpoint}&hours=3");
            var regions = history.GetProperty("endpoints")[0].GetProperty("regions");
            if (regions.GetArrayLength() > 0 && regions[0].GetProperty("checks")[11].GetInt32() > 0)
            {
                return history;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no check of {endpoint} counted within 30 s: {history}");
            await Task.Delay(200);
        }
    }
}
