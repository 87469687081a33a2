using System.Net;
using System.Net.Sockets;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Grains.Probe;

namespace ControlPlane.Grains.Tests;

public sealed class ProbeGrainTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-probe-grain-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task After_a_first_failure_the_endpoint_is_rechecked_at_the_fast_interval_until_it_is_down()
    {
        // A loopback port nobody listens on: every check is refused at once.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closedPort = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var interval = TimeSpan.FromSeconds(4);
        var check = new CheckDefinition { Id = "tcp", Kind = CheckKind.Tcp, Interval = interval, FastInterval = TimeSpan.FromMilliseconds(100), Jitter = 0 };
        var service = SiloHarness.Web(RoutingPolicy.Failover, new ServiceDnsDefinition("dns", "web.example.test.", 30), 1) with
        {
            Health = new HealthPolicy { Fall = 3 },
        };
        service = service with { Endpoints = [service.Endpoints[0] with { Address = IPAddress.Loopback, Port = closedPort }] };
        await using var silo = await SiloHarness.StartAsync(Path.Combine(_dir, "store.db"), service, new RecordingDnsProvider("dns"), check);
        var probe = silo.Grains.GetGrain<IProbeGrain>(GrainKeys.RegionAffine("web-1", "eu-central"));

        ProbeSnapshot? first = null;
        await SiloHarness.EventuallyAsync(async () => (first = await probe.GetSnapshotAsync()).Verdict.ConsecutiveFailures >= 1, "a first failed check", seconds: 15);
        ProbeSnapshot? down = null;
        await SiloHarness.EventuallyAsync(async () => (down = await probe.GetSnapshotAsync()).Verdict.Verdict == Verdict.Down, "the region's verdict down", seconds: 15);

        // Two more failures came at the fast interval: at the normal one they would take 2 x 4 s.
        Assert.Equal(ObservationOutcome.ConnectFailed, down!.LastObservation!.Outcome);
        Assert.True(down.Verdict.ConsecutiveFailures >= 3);
        var failuresAfterFirst = down.Verdict.ConsecutiveFailures - first!.Verdict.ConsecutiveFailures;
        Assert.InRange(down.LastObservation.At - first.LastObservation!.At, TimeSpan.Zero, interval * failuresAfterFirst / 2);
    }
}
