using System.Globalization;
using ControlPlane.Core.Model;
using ControlPlane.Testing.Route53;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class BatchingTests
{
    [Fact]
    public async Task A_change_of_250_record_sets_is_sent_in_batches_of_at_most_100_changes()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        var targets = Enumerable.Range(0, 250).Select(i => ($"ep{i:D3}", $"10.0.{i / 200}.{i % 200}", 1)).ToArray();

        var result = await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, targets), default);

        var batches = kit.Server.Requests.Where(r => r.Operation == "ChangeResourceRecordSets").ToList();
        Assert.Equal([100, 100, 50], batches.Select(b => b.Changes));
        Assert.All(batches, b => Assert.Equal(200, b.StatusCode));
        Assert.Equal(3, result.ProviderChangeId!.Split(',').Length);
        Assert.Equal(250, kit.Served().Count);
        Assert.Equal(250, (await provider.ReadAsync(Name, default)).Count);
    }

    [Fact]
    public async Task Upserts_count_twice_so_two_big_record_sets_go_in_separate_requests()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        var v4 = Enumerable.Range(0, 400).Select(i => ($"a{i}", $"10.1.{i / 200}.{i % 200}", 1));
        var v6 = Enumerable.Range(0, 400).Select(i => ($"b{i}", $"2001:db8::{i:x}", 1));
        await provider.ApplyAsync(Desired(RoutingPolicy.Failover, [.. v4, .. v6]), default);
        Assert.Equal(800, kit.Server.Requests.Single(r => r.Operation == "ChangeResourceRecordSets").Records);

        // Both sets change: two UPSERTs of 400 values count 1,600 records, over the limit of 1,000.
        var w4 = Enumerable.Range(0, 400).Select(i => ($"c{i}", $"10.2.{i / 200}.{i % 200}", 1));
        var w6 = Enumerable.Range(0, 400).Select(i => ($"d{i}", $"2001:db8:1::{i:x}", 1));
        var result = await provider.ApplyAsync(Desired(RoutingPolicy.Failover, [.. w4, .. w6]), default);

        var upserts = kit.Server.Requests.Where(r => r.Operation == "ChangeResourceRecordSets").Skip(1).ToList();
        Assert.Equal([800, 800], upserts.Select(u => u.Records));
        Assert.All(upserts, u => Assert.Equal(200, u.StatusCode));
        Assert.Equal(2, result.ProviderChangeId!.Split(',').Length);
        Assert.Contains("AAAA - simple 30 [2001:db8:1::", kit.Served()[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_of_a_large_mixed_change_stays_within_all_three_limits()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        var names = Enumerable.Range(0, 300).Select(i => ($"endpoint-with-a-long-identifier-{i:D4}", $"2001:db8:aaaa:bbbb:cccc:dddd:{i / 256:x4}:{i % 256:x4}", (i % 255) + 1)).ToArray();
        await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, names), default);

        // Half of the weights change (UPSERT), a third of the endpoints leave (DELETE), 50 arrive (CREATE).
        var next = names.Where((_, i) => i % 3 != 0)
            .Select((t, i) => i % 2 == 0 ? t with { Item3 = 7 } : t)
            .Concat(Enumerable.Range(0, 50).Select(i => ($"new-{i}", $"2001:db8:ffff::{i:x}", 3)))
            .ToArray();
        await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, next), default);

        var requests = kit.Server.Requests.Where(r => r.Operation == "ChangeResourceRecordSets").ToList();
        Assert.All(requests, r =>
        {
            Assert.Equal(200, r.StatusCode);
            Assert.InRange(r.Changes, 1, FakeChangeValidator.MaxChanges);
            Assert.InRange(r.Records, 1, FakeChangeValidator.MaxRecords);
            Assert.InRange(r.Characters, 1, FakeChangeValidator.MaxCharacters);
        });
        Assert.Equal(next.Length, kit.Served().Count);
        Assert.Equal(
            next.Select(t => $"{t.Item1}:{t.Item3.ToString(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal),
            (await provider.ReadAsync(Name, default)).Select(r => $"{r.SetIdentifier}:{r.Weight}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_record_set_too_big_for_any_request_is_refused_without_sending_it()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        var targets = Enumerable.Range(0, 1001).Select(i => ($"e{i}", $"10.3.{i / 200}.{i % 200}", 1)).ToArray();

        var e = await Assert.ThrowsAsync<DnsProviderException>(() => provider.ApplyAsync(Desired(RoutingPolicy.Failover, targets), default));

        Assert.False(e.Transient);
        Assert.Contains("1001 records", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(kit.Server.Requests, r => r.Operation == "ChangeResourceRecordSets");
    }
}
