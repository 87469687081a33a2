using System.Diagnostics;
using ControlPlane.Core.Model;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class ThrottlingTests
{
    [Fact]
    public async Task Throttling_and_server_errors_are_retried_and_the_change_is_made()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        kit.Server.Behaviour.ThrottleNext(4);
        kit.Server.Behaviour.FailNext(2);

        var result = await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 5), ("ep2", "192.0.2.2", 5)), default);

        Assert.True(result.Changed);
        Assert.Equal(["A ep1 weighted w5 30 [192.0.2.1]", "A ep2 weighted w5 30 [192.0.2.2]"], kit.Served());
        Assert.Equal(4, kit.Server.Requests.Count(r => r.ErrorCode == "Throttling"));
        Assert.Equal(2, kit.Server.Requests.Count(r => r.ErrorCode == "InternalFailure"));
    }

    [Fact]
    public async Task PriorRequestNotComplete_from_concurrent_changes_to_one_zone_is_absorbed_without_losing_a_change()
    {
        await using var kit = await StartAsync();
        kit.Server.Behaviour.ChangeProcessingTime = TimeSpan.FromMilliseconds(100);

        // Three silos (three factories, so no shared submit lock) change three names in one zone at once,
        // and one of them sends a change too big for one request. The backoff may grow well past the
        // zone's processing time, as the production defaults do (200 ms doubling to 10 s).
        var options = kit.Options() with { MaxAttempts = 12, RetryMaxDelay = TimeSpan.FromMilliseconds(500) };
        var silos = Enumerable.Range(0, 3).Select(_ => kit.Provider(options)).ToList();
        var big = Enumerable.Range(0, 150).Select(i => ($"ep{i}", $"10.9.0.{i}", 1)).ToArray();
        var applies = new[]
        {
            silos[0].ApplyAsync(DesiredAt("a.example.com.", RoutingPolicy.Failover, ("a1", "192.0.2.10", 1)), default),
            silos[1].ApplyAsync(DesiredAt("b.example.com.", RoutingPolicy.Multivalue, ("b1", "192.0.2.20", 1), ("b2", "192.0.2.21", 1)), default),
            silos[2].ApplyAsync(DesiredAt("c.example.com.", RoutingPolicy.Weighted, big), default),
        };
        var results = await Task.WhenAll(applies);

        Assert.All(results, r => Assert.True(r.Changed));
        Assert.True(kit.Server.Requests.Count(r => r.ErrorCode == "PriorRequestNotComplete") >= 2);
        Assert.Equal(["A - simple 30 [192.0.2.10]"], kit.Served("a.example.com."));
        Assert.Equal(2, kit.Served("b.example.com.").Count);
        Assert.Equal(150, kit.Served("c.example.com.").Count);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_transient_and_the_next_apply_loses_nothing()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider(kit.Options() with { MaxAttempts = 3 });
        var desired = Desired(RoutingPolicy.Multivalue, ("ep1", "192.0.2.1", 1), ("ep2", "192.0.2.2", 1));
        kit.Server.Behaviour.ThrottleNext(int.MaxValue);

        var e = await Assert.ThrowsAsync<DnsProviderException>(() => provider.ApplyAsync(desired, default));
        Assert.True(e.Transient);
        Assert.Contains("Throttling", e.Message, StringComparison.Ordinal);
        Assert.Empty(kit.Served());

        kit.Server.Behaviour.ThrottleNext(0);
        var result = await provider.ApplyAsync(desired, default);

        Assert.True(result.Changed);
        Assert.Equal(2, kit.Served().Count);
    }

    [Fact]
    public async Task The_client_side_token_bucket_paces_requests_to_the_configured_rate()
    {
        await using var kit = await StartAsync();
        kit.Server.Behaviour.RequestsPerSecond = 12;
        var provider = kit.Provider(kit.Options() with { RequestsPerSecond = 10 });
        var stopwatch = Stopwatch.StartNew();

        // 25 reads: a burst of 10, then 15 more at 10 per second.
        await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => provider.ReadAsync(Name, default)));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(1.35), TimeSpan.FromSeconds(5));
        Assert.Equal(25, kit.Server.Requests.Count(r => r.Operation == "ListResourceRecordSets" && r.StatusCode == 200));
    }

    [Fact]
    public async Task Providers_of_one_account_share_one_request_budget()
    {
        await using var kit = await StartAsync();
        using var factory = new Route53DnsProviderFactory();
        var options = kit.Options() with { RequestsPerSecond = 10 };
        var first = factory.Create("first", options, new Credentials.StaticCredentialSource(TestCredentials));
        var second = factory.Create("second", options with { HostedZoneId = "ZOTHERZONE" }, new Credentials.StaticCredentialSource(TestCredentials));
        kit.Server.AddZone("ZOTHERZONE", "example.org.");
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 13).SelectMany(_ => new[] { first.ReadAsync(Name, default), second.ReadAsync("api.example.org.", default) }));

        // 26 requests against one bucket of 10 per second: at least 1.6 s; two buckets would need 0.3 s.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.45), $"took {stopwatch.Elapsed}");
    }
}
