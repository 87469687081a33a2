using System.Net;
using System.Net.Sockets;
using System.Text;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Probing.Tests;

/// <summary>The fresh-connection path reads HTTP/1.1 itself: response framing and broken responses from real servers.</summary>
public sealed class FreshConnectionTests : IDisposable
{
    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Body_framed_by_content_length_is_matched()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", async context =>
        {
            context.Response.ContentLength = 11;
            await context.Response.WriteAsync("status: UP!");
        });

        var observation = await _engine.RunAsync(Probes.Http(target, new HttpCheckDefinition { BodyContains = "UP" }), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
    }

    [Fact]
    public async Task Body_without_length_is_read_until_the_server_closes()
    {
        await using var server = await RawServer.StartAsync("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall good here", close: true);

        var observation = await _engine.RunAsync(server.Probe(new HttpCheckDefinition { BodyContains = "good" }), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
        Assert.Equal(200, observation.StatusCode);
    }

    [Fact]
    public async Task Interim_100_continue_is_skipped()
    {
        await using var server = await RawServer.StartAsync(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\ndown", close: true);

        var observation = await _engine.RunAsync(server.Probe(), CancellationToken.None);

        Assert.Equal(ObservationOutcome.UnexpectedStatus, observation.Outcome);
        Assert.Equal(503, observation.StatusCode);
    }

    [Fact]
    public async Task Connection_closed_in_the_middle_of_the_body_is_an_error()
    {
        await using var server = await RawServer.StartAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly a part", close: true);

        var observation = await _engine.RunAsync(server.Probe(new HttpCheckDefinition { BodyContains = "part" }), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Error, observation.Outcome);
        Assert.Contains("connection closed after 11 of 100 body bytes", observation.Detail);
    }

    [Fact]
    public async Task Garbage_instead_of_a_status_line_is_an_error_that_quotes_it()
    {
        await using var server = await RawServer.StartAsync("SSH-2.0-OpenSSH_9.2\r\n\r\n", close: true);

        var observation = await _engine.RunAsync(server.Probe(), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Error, observation.Outcome);
        Assert.Contains("invalid status line 'SSH-2.0-OpenSSH_9.2'", observation.Detail);
    }

    [Fact]
    public async Task Header_value_with_a_line_break_is_never_sent()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(200, "ok"));
        var http = new HttpCheckDefinition { Headers = new Dictionary<string, string> { ["X-Token"] = "a\r\nX-Injected: 1" } };

        var observation = await _engine.RunAsync(Probes.Http(target, http), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Error, observation.Outcome);
        Assert.Empty(target.RequestHeaders);
    }

    /// <summary>A TCP server on 127.0.0.4 that reads a request's headers, answers fixed bytes and closes.</summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _serving;

        private RawServer(TcpListener listener, Task serving)
        {
            _listener = listener;
            _serving = serving;
        }

        public ProbeTarget Probe(HttpCheckDefinition? http = null) => new(
            "ep-1",
            "eu-central",
            IPAddress.Parse("127.0.0.4"),
            ((IPEndPoint)_listener.LocalEndpoint).Port,
            null,
            new CheckDefinition { Id = "check-1", Kind = CheckKind.Http, Http = http ?? new HttpCheckDefinition(), Timeout = TimeSpan.FromSeconds(5) });

        public static Task<RawServer> StartAsync(string response, bool close)
        {
            var listener = new TcpListener(IPAddress.Parse("127.0.0.4"), 0);
            listener.Start();
            return Task.FromResult(new RawServer(listener, ServeAsync(listener, Encoding.ASCII.GetBytes(response), close)));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        private static async Task ServeAsync(TcpListener listener, byte[] response, bool close)
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var seen = 0;
            while (!Encoding.ASCII.GetString(buffer, 0, seen).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer.AsMemory(seen));
                if (read == 0)
                {
                    return;
                }

                seen += read;
            }

            await stream.WriteAsync(response);
            if (close)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
    }
}
