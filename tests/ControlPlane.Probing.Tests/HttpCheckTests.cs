using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Probing.Tests;

public sealed class HttpCheckTests : IDisposable
{
    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Check_succeeds_when_status_is_in_the_expected_set_and_body_matches()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(200, "status: ok, version 42"));

        var observation = await _engine.RunAsync(
            Probes.Http(target, new HttpCheckDefinition { Path = "/health", BodyContains = "ok", BodyRegex = @"version \d+" }),
            CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
        Assert.Equal(200, observation.StatusCode);
        Assert.Equal("ep-1", observation.EndpointId);
        Assert.Equal("eu-central", observation.Region);
        Assert.StartsWith("status 200 in ", observation.Detail);
        Assert.Null(observation.CertificateExpiresAt);
        Assert.True(observation.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task Status_outside_the_expected_set_is_an_unexpected_status()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(503, "maintenance"));

        var observation = await _engine.RunAsync(Probes.Http(target), CancellationToken.None);

        Assert.Equal(ObservationOutcome.UnexpectedStatus, observation.Outcome);
        Assert.Equal(503, observation.StatusCode);
        Assert.Equal("status 503 not in 200-399", observation.Detail);
    }

    [Fact]
    public async Task Expected_status_set_can_name_single_codes_and_ranges()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(200));
        var http = new HttpCheckDefinition { ExpectedStatus = [new StatusRange(204, 204), new StatusRange(300, 302)] };

        var observation = await _engine.RunAsync(Probes.Http(target, http), CancellationToken.None);

        Assert.Equal(ObservationOutcome.UnexpectedStatus, observation.Outcome);
        Assert.Equal("status 200 not in 204, 300-302", observation.Detail);
    }

    [Fact]
    public async Task Body_without_the_expected_substring_is_a_body_mismatch()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(200, "degraded"));

        var observation = await _engine.RunAsync(
            Probes.Http(target, new HttpCheckDefinition { BodyContains = "ok" }), CancellationToken.None);

        Assert.Equal(ObservationOutcome.BodyMismatch, observation.Outcome);
        Assert.Equal("body does not contain 'ok'", observation.Detail);
        Assert.Equal(200, observation.StatusCode);
    }

    [Fact]
    public async Task Body_not_matching_the_regex_is_a_body_mismatch()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(200, "{\"status\":\"down\"}"));

        var observation = await _engine.RunAsync(
            Probes.Http(target, new HttpCheckDefinition { BodyRegex = "\"status\":\\s*\"up\"" }), CancellationToken.None);

        Assert.Equal(ObservationOutcome.BodyMismatch, observation.Outcome);
        Assert.Equal("body does not match regex '\"status\":\\s*\"up\"'", observation.Detail);
    }

    [Fact]
    public async Task Only_the_first_bytes_of_a_large_body_are_searched()
    {
        var body = new string('x', 200 * 1024) + "ok";
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(200, body));

        var observation = await _engine.RunAsync(
            Probes.Http(target, new HttpCheckDefinition { BodyContains = "ok" }), CancellationToken.None);

        Assert.Equal(ObservationOutcome.BodyMismatch, observation.Outcome);
        Assert.Equal("body does not contain 'ok' (first 65536 bytes read)", observation.Detail);
    }

    [Fact]
    public async Task Invalid_body_regex_is_an_error_not_a_crash()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", TestTarget.Respond(200, "ok"));

        var observation = await _engine.RunAsync(
            Probes.Http(target, new HttpCheckDefinition { BodyRegex = "([a-z" }), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Error, observation.Outcome);
        Assert.StartsWith("body regex '([a-z' is invalid", observation.Detail);
    }

    [Fact]
    public async Task Response_slower_than_the_latency_limit_is_too_slow()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", async context =>
        {
            await Task.Delay(300, context.RequestAborted);
            await context.Response.WriteAsync("ok");
        });

        var observation = await _engine.RunAsync(
            Probes.Http(target, new HttpCheckDefinition { MaxLatency = TimeSpan.FromMilliseconds(100) }), CancellationToken.None);

        Assert.Equal(ObservationOutcome.TooSlow, observation.Outcome);
        Assert.Matches(@"^took \d+ ms, limit 100 ms$", observation.Detail);
        Assert.True(observation.Duration >= TimeSpan.FromMilliseconds(290), observation.Duration.ToString());
    }

    [Fact]
    public async Task Port_with_nothing_listening_is_connect_failed_refused()
    {
        var address = System.Net.IPAddress.Parse("127.0.0.3");
        var port = Probes.UnusedPort(address);
        var probe = new ProbeTarget("ep-1", "eu-central", address, port, null, new CheckDefinition { Id = "c", Kind = CheckKind.Http });

        var observation = await _engine.RunAsync(probe, CancellationToken.None);

        Assert.Equal(ObservationOutcome.ConnectFailed, observation.Outcome);
        Assert.Equal($"connect to 127.0.0.3:{port} refused", observation.Detail);
        Assert.Null(observation.StatusCode);
    }

    [Fact]
    public async Task Target_that_never_answers_times_out_after_the_total_timeout()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", async context =>
            await Task.Delay(Timeout.Infinite, context.RequestAborted));

        var observation = await _engine.RunAsync(
            Probes.Http(target, timeout: TimeSpan.FromMilliseconds(300)), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Timeout, observation.Outcome);
        Assert.Equal($"no result from 127.0.0.2:{target.Port} within 300 ms (check timeout)", observation.Detail);
        Assert.InRange(observation.Duration, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_rethrown_not_reported()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.2", async context =>
            await Task.Delay(Timeout.Infinite, context.RequestAborted));
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _engine.RunAsync(Probes.Http(target), caller.Token));
    }

    [Fact]
    public async Task Host_name_is_sent_as_host_header_and_the_connection_goes_to_the_address()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.4", TestTarget.Respond(200));

        var observation = await _engine.RunAsync(
            Probes.Http(target, hostName: "shop.example.test"), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
        Assert.Equal($"shop.example.test:{target.Port}", Assert.Single(target.HostHeaders));
    }

    [Fact]
    public async Task Method_path_and_headers_of_the_check_are_sent()
    {
        string? seen = null;
        await using var target = await TestTarget.StartAsync("127.0.0.2", async context =>
        {
            seen = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
            await context.Response.WriteAsync("ok");
        });
        var http = new HttpCheckDefinition
        {
            Method = "HEAD",
            Path = "/healthz?deep=1",
            Headers = new Dictionary<string, string> { ["X-Probe"] = "controlplane", ["Authorization"] = "Bearer s3cret" },
        };

        var observation = await _engine.RunAsync(Probes.Http(target, http), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
        Assert.Equal("HEAD /healthz?deep=1", seen);
        var headers = Assert.Single(target.RequestHeaders);
        Assert.Equal("controlplane", headers["X-Probe"]);
        Assert.Equal("Bearer s3cret", headers["Authorization"]);
        Assert.Equal("close", headers["Connection"]);
    }
}
