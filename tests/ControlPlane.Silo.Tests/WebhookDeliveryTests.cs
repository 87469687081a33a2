using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ControlPlane.Core.Webhooks;
using Xunit.Abstractions;

namespace ControlPlane.Silo.Tests;

/// <summary>Webhooks end to end: three silo processes, a real receiver on loopback, the outbox surviving a receiver outage and a kill -9.</summary>
public sealed partial class WebhookDeliveryTests(ITestOutputHelper output)
{
    private const string Secret = "whsec-7b1e0c9a44d2-do-not-log";

    [Fact]
    public async Task A_receiver_down_for_many_retries_then_back_gets_every_event_once_per_key_in_order_signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await StartAsync(receiver, timeout: "5s");
        var api = cluster.Silos["silo-eu-central"];

        await receiver.StopAsync();
        for (var cycle = 0; cycle < 3; cycle++)
        {
            cluster.Target("web-a").SetDown(null);
            await WaitForHealthAsync(cluster, api, "web-a", "unhealthy");
            cluster.Target("web-a").SetUp();
            await WaitForHealthAsync(cluster, api, "web-a", "healthy");
        }

        // Every event is waiting, and the oldest has been retried many times.
        await cluster.WaitForAsync(async () => (await PendingAsync(api, "ops")).Any(d => d.GetProperty("attempts").GetInt32() >= 8), TimeSpan.FromSeconds(60), "the oldest pending delivery retried 8 times");
        var pending = await PendingAsync(api, "ops");
        Assert.True(pending.Count(d => d.GetProperty("type").GetString()!.StartsWith("endpoint.", StringComparison.Ordinal)) == 6, string.Join("\n", pending));
        var attempts = pending.Max(d => d.GetProperty("attempts").GetInt32());

        await receiver.StartAgainAsync();
        await cluster.WaitForAsync(async () => (await PendingAsync(api, "ops")).Count == 0, TimeSpan.FromSeconds(30), "no delivery pending after the receiver came back");

        var ops = receiver.Received.Where(r => r.Path == "/ops").ToList();
        var firstPerKey = ops.DistinctBy(r => r.Key).ToList();
        var endpointEvents = firstPerKey.Where(r => r.Key.StartsWith("endpoint.web-a.", StringComparison.Ordinal)).Select(r => r.Type).ToList();
        Assert.Equal(["endpoint.down", "endpoint.up", "endpoint.down", "endpoint.up", "endpoint.down", "endpoint.up"], endpointEvents);
        AssertInOrderPerGrain(ops);
        Assert.Contains(firstPerKey, r => r.Type == WebhookEventTypes.FailoverApplied);
        foreach (var request in ops)
        {
            var timestamp = long.Parse(request.Headers[WebhookSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(WebhookSignature.Verify(Secret, timestamp, request.Body, request.Headers[WebhookSignature.SignatureHeader]), $"bad signature on {request.Key}");
            Assert.Equal(request.Key, request.Headers["X-ControlPlane-Delivery"]);
        }

        await RunDocumentedVerificationAsync(ops[^1]);

        // A 4xx is not retried: each delivery to /reject was tried once and is a dead letter, replayable.
        var rejected = receiver.Received.Where(r => r.Path == "/reject").ToList();
        Assert.NotEmpty(rejected);
        Assert.Equal(rejected.Count, rejected.Select(r => r.Key).Distinct().Count());
        // The receiver records a request before its 410 reaches the silo: wait for the last one to be dead-lettered.
        await cluster.WaitForAsync(async () => (await DeadAsync(api, "rejecting")).Count >= rejected.Count, TimeSpan.FromSeconds(10), "every rejected delivery dead-lettered");
        var dead = await DeadAsync(api, "rejecting");
        Assert.Equal(rejected.Select(r => r.Key).Order(), dead.Select(d => d.GetProperty("id").GetString()!).Order());
        Assert.All(dead, d => Assert.Contains("HTTP 410", d.GetProperty("deadReason").GetString(), StringComparison.Ordinal));
        var replayed = dead[0].GetProperty("id").GetString()!;
        using (var replay = await api.Http.PostAsync($"/api/v1/webhooks/deliveries/{replayed}/replay", null))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
        }

        await cluster.WaitForAsync(() => Task.FromResult(receiver.Received.Count(r => r.Key == replayed) == 2), TimeSpan.FromSeconds(10), "the replayed delivery sent again with its key");

        // The same through the operator CLI: list, dead letters, a test event, a replay.
        var server = api.Api.ToString();
        var (exit, cli) = await SiloProcess.RunToEndAsync(Path.GetTempPath(), "webhooks", "list", "--server", server, "--output", "json");
        Assert.True(exit == 0 && cli.Contains("\"ops\"", StringComparison.Ordinal), cli);
        Assert.DoesNotContain(Secret, cli, StringComparison.Ordinal);
        (exit, cli) = await SiloProcess.RunToEndAsync(Path.GetTempPath(), "webhooks", "deliveries", "--state", "dead", "--subscription", "rejecting", "--server", server);
        Assert.True(exit == 0 && cli.Contains(dead[^1].GetProperty("id").GetString()!, StringComparison.Ordinal), cli);
        var tests = receiver.Received.Count(r => r.Path == "/ops");
        (exit, cli) = await SiloProcess.RunToEndAsync(Path.GetTempPath(), "webhooks", "test", "ops", "--server", server);
        Assert.True(exit == 0, cli);
        Assert.True(receiver.Received.Count(r => r.Path == "/ops") > tests, "the test event reached the receiver");
        (exit, cli) = await SiloProcess.RunToEndAsync(Path.GetTempPath(), "webhooks", "test", "rejecting", "--server", server);
        Assert.True(exit == 1, $"a test the receiver refuses exits 1: {cli}");
        (exit, cli) = await SiloProcess.RunToEndAsync(Path.GetTempPath(), "webhooks", "replay", "no-such-delivery", "--server", server);
        Assert.True(exit == 3, $"replaying an unknown delivery exits 3: {cli}");

        // The secret reaches neither logs nor the API.
        var listed = await api.Http.GetStringAsync("/api/v1/webhooks");
        Assert.DoesNotContain(Secret, listed, StringComparison.Ordinal);
        Assert.Contains("${file:", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await api.Http.GetStringAsync("/api/v1/webhooks/deliveries"), StringComparison.Ordinal);
        Assert.All(cluster.Silos.Values, s => Assert.DoesNotContain(Secret, s.Output, StringComparison.Ordinal));
        output.WriteLine($"{ops.Count} requests for {firstPerKey.Count} deliveries; the oldest had {attempts} attempts while the receiver was down");
    }

    [Fact]
    public async Task The_silo_delivering_killed_mid_delivery_is_replaced_and_delivery_resumes_elsewhere()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await StartAsync(receiver, timeout: "60s");
        var api = cluster.Silos["silo-eu-central"];
        receiver.Hold = true;

        cluster.Target("web-a").SetDown(null);
        await cluster.WaitForAsync(() => Task.FromResult(receiver.Received.Any(r => r.Path == "/ops" && r.Type == "endpoint.down")), TimeSpan.FromSeconds(20), "endpoint.down arrives (and is held)");
        var held = receiver.Received.First(r => r.Path == "/ops" && r.Type == "endpoint.down");
        var owner = await cluster.OwnerOfAsync("endpoint", "web-a");
        Assert.NotNull(owner);
        await cluster.Silos[owner].KillAsync();
        receiver.Hold = false;
        receiver.ReleaseHeld();

        await cluster.WaitForAsync(() => Task.FromResult(receiver.Received.Count(r => r.Key == held.Key) >= 2), TimeSpan.FromSeconds(30), $"{held.Key} sent again after {owner} was killed");
        var survivor = cluster.Silos.First(s => s.Key != owner).Value;
        var newOwner = await cluster.OwnerOfAsync("endpoint", "web-a");
        Assert.NotEqual(owner, newOwner);

        cluster.Target("web-a").SetUp();
        await cluster.WaitForAsync(() => Task.FromResult(receiver.Received.Any(r => r.Path == "/ops" && r.Type == "endpoint.up")), TimeSpan.FromSeconds(30), "endpoint.up delivered by the new owner");
        await cluster.WaitForAsync(async () => (await PendingAsync(survivor, "ops")).Count == 0, TimeSpan.FromSeconds(30), "nothing pending");
        var types = receiver.Received.Where(r => r.Path == "/ops" && r.Key.StartsWith("endpoint.web-a.", StringComparison.Ordinal)).DistinctBy(r => r.Key).Select(r => r.Type).ToList();
        Assert.Equal(["endpoint.down", "endpoint.up"], types);
        AssertInOrderPerGrain(receiver.Received.Where(r => r.Path == "/ops").ToList());
        output.WriteLine($"{held.Key} held on {owner}, sent again by {newOwner}");
    }

    private static async Task<ClusterScenario> StartAsync(WebhookReceiver receiver, string timeout)
    {
        var secretFile = Path.Combine(Path.GetTempPath(), $"cp-webhook-secret-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(secretFile, Secret + "\n");
        var retry = $"initialBackoff: 100ms, maxBackoff: 1s, deadLetterAfter: 10m, timeout: {timeout}";
        var extras = new ClusterDefinitionExtras([], [],
        [
            $"{{ id: ops, url: '{receiver.Url}ops', format: json, secret: '${{file:{secretFile}}}', {retry} }}",
            $"{{ id: rejecting, url: '{receiver.Url}reject', events: ['endpoint.*'], {retry} }}",
        ],
        // Three down/up cycles are five flips: more than damping allows by default, and this test counts every one.
        Health: "{ fall: 2, rise: 2, flapDamping: { enabled: false } }");
        var cluster = await ClusterScenario.CreateAsync(null, extras, "web-a", "web-b");
        await cluster.StartOneSiloPerRegionAsync();
        await cluster.WaitForPublishedAsync(TimeSpan.FromSeconds(30), "web-a", "web-b");
        return cluster;
    }

    private static async Task WaitForHealthAsync(ClusterScenario cluster, SiloProcess api, string endpoint, string health) =>
        await cluster.WaitForAsync(async () => (await api.GetJsonAsync($"/api/v1/endpoints/{endpoint}")).GetProperty("health").GetString() == health, TimeSpan.FromSeconds(20), $"{endpoint} {health}");

    private static async Task<List<JsonElement>> PendingAsync(SiloProcess api, string subscription)
    {
        try
        {
            return (await api.GetJsonAsync($"/api/v1/webhooks/deliveries?state=pending&subscription={subscription}")).EnumerateArray().ToList();
        }
        catch (HttpRequestException)
        {
            return [new JsonElement()]; // not answering yet: not empty
        }
    }

    private static async Task<List<JsonElement>> DeadAsync(SiloProcess api, string subscription) =>
        (await api.GetJsonAsync($"/api/v1/webhooks/deliveries?state=dead&subscription={subscription}")).EnumerateArray().ToList();

    /// <summary>Within one grain's outbox, a later delivery is never first sent before an earlier one was acknowledged.</summary>
    private static void AssertInOrderPerGrain(IReadOnlyList<ReceivedWebhook> requests)
    {
        foreach (var grain in requests.GroupBy(r => r.Key[..r.Key.LastIndexOf('.')]))
        {
            var firstSeen = grain.DistinctBy(r => r.Key).Select(r => long.Parse(r.Key[(r.Key.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(firstSeen.Order(), firstSeen);
        }
    }

    /// <summary>Runs the Python verification example of docs/webhooks.md against a request the receiver really got.</summary>
    private static async Task RunDocumentedVerificationAsync(ReceivedWebhook request)
    {
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "webhooks.md"));
        var script = VerificationExample().Match(docs);
        Assert.True(script.Success, "docs/webhooks.md has no ```python verification example");
        var path = Path.Combine(Path.GetTempPath(), $"cp-verify-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(path, script.Groups[1].Value + """

            import sys
            ok = verify(sys.argv[1].encode(), sys.argv[2], sys.stdin.buffer.read(), sys.argv[3])
            print("valid" if ok else "INVALID")
            sys.exit(0 if ok else 1)
            """);
        var start = new ProcessStartInfo("/usr/bin/python3", [path, Secret, request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader]])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        await python.StandardInput.WriteAsync(request.Body);
        python.StandardInput.Close();
        var printed = await python.StandardOutput.ReadToEndAsync() + await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        File.Delete(path);
        Assert.True(python.ExitCode == 0, $"the documented verification rejected a real request: {printed}");
    }

    [GeneratedRegex("```python\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex VerificationExample();
}
