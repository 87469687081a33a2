using ControlPlane.Core.Model;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class PagingTests
{
    [Fact]
    public async Task ReadAsync_follows_every_page_of_the_name_and_stops_at_the_next_name()
    {
        await using var kit = await StartAsync();
        kit.Server.Behaviour.MaxPageSize = 3;
        foreach (var name in new[] { "aaa.example.com.", "zzz.example.com.", "x.api.example.com." })
        {
            kit.Zone.Put(new() { Name = name, Type = "A", Ttl = 60, Values = ["203.0.113.9"] });
        }

        var provider = kit.Provider();
        var targets = Enumerable.Range(0, 10).Select(i => ($"ep{i}", i % 2 == 0 ? $"192.0.2.{i}" : $"2001:db8::{i}", 1)).ToArray();
        await provider.ApplyAsync(Desired(RoutingPolicy.Multivalue, targets), default);
        var listsBefore = kit.Server.Requests.Count(r => r.Operation == "ListResourceRecordSets");

        var read = await provider.ReadAsync(Name, default);

        Assert.Equal(targets.Select(t => t.Item1).Order(StringComparer.Ordinal), read.Select(r => r.SetIdentifier!).Order(StringComparer.Ordinal));
        Assert.All(read, r => Assert.Equal(Name, r.Name));
        Assert.Equal(4, kit.Server.Requests.Count(r => r.Operation == "ListResourceRecordSets") - listsBefore);
        Assert.False((await provider.ApplyAsync(Desired(RoutingPolicy.Multivalue, targets), default)).Changed);
    }

    [Fact]
    public async Task A_name_with_no_records_reads_as_empty()
    {
        await using var kit = await StartAsync();
        var read = await kit.Provider().ReadAsync("nothing-here.example.com", default);
        Assert.Empty(read);
    }
}
