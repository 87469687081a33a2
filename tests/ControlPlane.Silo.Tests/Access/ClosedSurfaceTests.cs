namespace ControlPlane.Silo.Tests.Access;

/// <summary>A silo with the status page and metrics closed and a tight rate limit.</summary>
public sealed class ClosedSurfaceTests
{
    [Fact]
    public async Task Closed_metrics_and_status_page_need_a_key_healthz_does_not_and_a_key_over_its_rate_gets_429_with_retry_after()
    {
        await using var silo = await AccessSilo.StartAsync("  openMetrics: false\n  openStatusPage: false\n  rateLimit: { perSecond: 1, burst: 3 }\n");
        Assert.Equal(200, (await silo.SendAsync(HttpMethod.Get, "/healthz", null)).Status);
        Assert.Equal(401, (await silo.SendAsync(HttpMethod.Get, "/metrics", null)).Status);
        Assert.Equal(200, (await silo.SendAsync(HttpMethod.Get, "/metrics", SiloProcess.AdminKey)).Status);
        Assert.Equal(401, (await silo.SendAsync(HttpMethod.Get, "/", null)).Status);
        Assert.Equal(401, (await silo.SendAsync(HttpMethod.Get, "/api/v1/services", null)).Status);

        var statuses = new List<int>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 8 && limited is null; i++)
        {
            var (status, _, response) = await silo.SendAsync(HttpMethod.Get, "/api/v1/definition", SiloProcess.AdminKey);
            statuses.Add(status);
            limited = status == 429 ? response : null;
        }

        Assert.True(limited is not null, string.Join(", ", statuses));
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), limited.Headers.ToString());
    }
}
