using System.Net;
using System.Net.Sockets;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;

namespace ControlPlane.Probing.Tests;

public sealed class CompositeCheckTests : IDisposable
{
    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public CompositeCheckTests() => _listener.Start();

    public void Dispose()
    {
        _engine.Dispose();
        _listener.Dispose();
    }

    private ProbeTarget Composite(CompositeRule rule, int atLeast = 0)
    {
        var open = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var closed = Probes.UnusedPort(IPAddress.Loopback);
        CheckDefinition Tcp(string id, int port) => new() { Id = id, Kind = CheckKind.Tcp, Port = port };
        var check = new CheckDefinition
        {
            Id = "both",
            Kind = CheckKind.Composite,
            Composite = new CompositeCheckDefinition { Checks = [Tcp("open", open), Tcp("closed", closed)], Rule = rule, AtLeast = atLeast },
        };
        return new ProbeTarget("ep-1", "eu-central", IPAddress.Loopback, 1, null, check);
    }

    [Fact]
    public async Task All_fails_when_one_child_fails_and_shows_every_childs_evidence()
    {
        var observation = await _engine.RunAsync(Composite(CompositeRule.All), CancellationToken.None);

        Assert.Equal(ObservationOutcome.ConnectFailed, observation.Outcome);
        Assert.Matches(@"^1 of 2 checks passed, 2 required; failed: closed: connect to 127\.0\.0\.1:\d+ refused$", observation.Detail);
        Assert.Equal(["open", "closed"], observation.Evidence!.Select(e => e.Name));
        Assert.Equal([ObservationOutcome.Success, ObservationOutcome.ConnectFailed], observation.Evidence!.Select(e => e.Outcome));
    }

    [Fact]
    public async Task Any_and_n_of_m_pass_with_one_child_up()
    {
        Assert.True((await _engine.RunAsync(Composite(CompositeRule.Any), CancellationToken.None)).IsSuccess);
        var oneOfTwo = await _engine.RunAsync(Composite(CompositeRule.AtLeast, 1), CancellationToken.None);
        Assert.True(oneOfTwo.IsSuccess);
        Assert.StartsWith("1 of 2 checks passed, 1 required; failed: closed: ", oneOfTwo.Detail, StringComparison.Ordinal);
    }
}
