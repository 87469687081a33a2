using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;

namespace ControlPlane.Probing.Tests;

public sealed class ConnectionReuseTests : IDisposable
{
    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Fresh_connection_checks_open_a_new_tcp_connection_every_time()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.8", TestTarget.Respond(200, "ok"));
        var probe = Probes.Http(target, new HttpCheckDefinition { FreshConnection = true });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ObservationOutcome.Success, (await _engine.RunAsync(probe, CancellationToken.None)).Outcome);
        }

        Assert.Equal(5, target.Connections);
    }

    [Fact]
    public async Task Concurrent_fresh_connection_checks_each_open_their_own_connection()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.8", TestTarget.Respond(200, "ok"));
        var probe = Probes.Http(target, new HttpCheckDefinition { FreshConnection = true });

        var observations = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => _engine.RunAsync(probe, CancellationToken.None)));

        Assert.All(observations, o => Assert.Equal(ObservationOutcome.Success, o.Outcome));
        Assert.Equal(40, target.Connections);
    }

    [Fact]
    public async Task Pooled_checks_reuse_one_connection()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.9", TestTarget.Respond(200, "ok"));
        var probe = Probes.Http(target, new HttpCheckDefinition { FreshConnection = false, BodyContains = "ok" });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ObservationOutcome.Success, (await _engine.RunAsync(probe, CancellationToken.None)).Outcome);
        }

        Assert.Equal(1, target.Connections);
        Assert.All(target.RequestHeaders, headers => Assert.False(headers.ContainsKey("Connection")));
    }

    [Fact]
    public async Task Pooled_check_without_body_assertion_still_reuses_the_connection()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.9", TestTarget.Respond(200, "some body that is not read"));
        var probe = Probes.Http(target, new HttpCheckDefinition { FreshConnection = false });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ObservationOutcome.Success, (await _engine.RunAsync(probe, CancellationToken.None)).Outcome);
        }

        Assert.Equal(1, target.Connections);
    }
}
