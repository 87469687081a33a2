using ControlPlane.Core.Model;
using ControlPlane.Dns.Route53.Protocol;
using ControlPlane.Testing.Route53;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class InvalidChangeBatchTests
{
    [Theory]
    [InlineData(InvalidChangeBatchShape.ErrorResponse)]
    [InlineData(InvalidChangeBatchShape.LegacyRoot)]
    public async Task A_refused_batch_surfaces_every_message(InvalidChangeBatchShape shape)
    {
        await using var kit = await StartAsync();
        kit.Server.Behaviour.InvalidChangeBatchShape = shape;
        var provider = kit.Provider();

        // A name outside the zone: Route 53 refuses each of the three record sets.
        var desired = DesiredAt("api.example.net.", RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 1), ("ep2", "192.0.2.2", 1), ("ep3", "2001:db8::3", 1));
        var e = await Assert.ThrowsAsync<InvalidChangeBatchException>(() => provider.ApplyAsync(desired, default));

        Assert.False(e.Transient);
        Assert.Equal(3, e.Messages.Count);
        Assert.All(e.Messages, m => Assert.Equal("RRSet with DNS name api.example.net. is not permitted in zone example.com.", m));
        Assert.Equal("r53", e.ProviderId);
    }

    [Theory]
    [InlineData(InvalidChangeBatchShape.ErrorResponse)]
    [InlineData(InvalidChangeBatchShape.LegacyRoot)]
    public async Task The_client_reads_messages_that_contain_brackets_and_commas_in_both_shapes(InvalidChangeBatchShape shape)
    {
        await using var kit = await StartAsync();
        kit.Server.Behaviour.InvalidChangeBatchShape = shape;
        kit.Zone.Put(new() { Name = "x.example.com.", Type = "A", Ttl = 60, Values = ["192.0.2.1"] });
        var client = ClientFor(kit);
        Change[] changes =
        [
            new(ChangeAction.Create, new ResourceRecordSet { Name = "x.example.com.", Type = "A", Ttl = 60, Values = ["192.0.2.9"] }),
            new(ChangeAction.Delete, new ResourceRecordSet { Name = "y.example.com.", Type = "A", SetIdentifier = "s1", Weight = 1, Ttl = 60, Values = ["192.0.2.2"] }),
        ];

        var e = await Assert.ThrowsAsync<Route53RequestException>(() => client.ChangeResourceRecordSetsAsync(ZoneId, changes, null, default));

        Assert.False(e.Transient);
        Assert.Equal(
            [
                "Tried to create resource record set [name='x.example.com.', type='A'] but it already exists",
                "Tried to delete resource record set [name='y.example.com.', type='A', set-identifier='s1'] but it was not found",
            ],
            e.Error!.Messages);
    }

    [Fact]
    public async Task A_delete_with_stale_values_is_refused_by_the_server_and_the_provider_replans_from_a_fresh_read()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 1), ("ep2", "192.0.2.2", 1)), default);
        var client = ClientFor(kit);

        var stale = new ResourceRecordSet { Name = Name, Type = "A", SetIdentifier = "ep2", Weight = 1, Ttl = 30, Values = ["192.0.2.99"] };
        var e = await Assert.ThrowsAsync<Route53RequestException>(() => client.ChangeResourceRecordSetsAsync(ZoneId, [new(ChangeAction.Delete, stale)], null, default));
        Assert.Equal(
            "Tried to delete resource record set [name='api.example.com.', type='A', set-identifier='ep2'] but the values provided do not match the current values",
            Assert.Single(e.Error!.Messages));

        await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 1)), default);
        Assert.Equal(["A ep1 weighted w1 30 [192.0.2.1]"], kit.Served());
    }

    internal static Route53Client ClientFor(Route53TestKit kit) =>
        new(new HttpClient(), kit.Server.Endpoint, new Credentials.StaticCredentialSource(TestCredentials),
            new Route53.Resilience.TokenBucket(1000, TimeProvider.System), new Route53.Resilience.RetryPolicy(3, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50)),
            TimeSpan.FromSeconds(5), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
}
