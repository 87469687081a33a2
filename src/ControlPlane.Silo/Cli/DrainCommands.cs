using System.CommandLine;
using System.Text.Json;

namespace ControlPlane.Silo.Cli;

/// <summary>
/// <c>drain</c>, <c>undrain</c>, <c>evacuate</c>, <c>restore</c>: take endpoints or a whole datacenter out of DNS and back,
/// optionally waiting (by long poll) until DNS and the TTL, or the endpoint's successes, say it is done (docs/drains.md).
/// </summary>
internal static class DrainCommands
{
    /// <summary>Each long poll asks for this long; the client's own timeout is a little longer.</summary>
    private static readonly TimeSpan PollFor = TimeSpan.FromSeconds(60);

    public static void AddTo(RootCommand root, ApiConnection api)
    {
        var options = new WaitOptions();
        var endpoint = new Argument<string>("endpoint") { Description = "Endpoint id" };
        var datacenter = new Argument<string>("datacenter") { Description = "Datacenter id" };

        var drain = new Command("drain", "Take an endpoint out of DNS (refused past the service's disruption budget unless --force). With --wait: until DNS no longer serves it and the TTL has passed.")
            { endpoint, options.Reason, options.Force, options.Wait, options.Timeout };
        drain.SetAction((parse, ct) => api.RunAsync(parse, (client, format) =>
            StartAsync(client, format, parse, options, $"/api/v1/endpoints/{Uri.EscapeDataString(parse.GetValue(endpoint)!)}/drain", "drained", Drain, ct), PollFor + TimeSpan.FromSeconds(10)));

        var undrain = new Command("undrain", "Return a drained endpoint to DNS. With --wait: until it is healthy after rise successes and DNS serves it again.")
            { endpoint, options.Reason, options.Wait, options.Timeout };
        undrain.SetAction((parse, ct) => api.RunAsync(parse, (client, format) =>
            StartAsync(client, format, parse, options, $"/api/v1/endpoints/{Uri.EscapeDataString(parse.GetValue(endpoint)!)}/undrain", "restored", Drain, ct), PollFor + TimeSpan.FromSeconds(10)));

        var evacuate = new Command("evacuate", "Drain every endpoint in a datacenter (each through its service's budget unless --force). With --wait: until every drain is drained.")
            { datacenter, options.Reason, options.Force, options.Wait, options.Timeout };
        evacuate.SetAction((parse, ct) => api.RunAsync(parse, (client, format) =>
            StartAsync(client, format, parse, options, $"/api/v1/datacenters/{Uri.EscapeDataString(parse.GetValue(datacenter)!)}/evacuate", "evacuated", Evacuation, ct), PollFor + TimeSpan.FromSeconds(10)));

        var restore = new Command("restore", "Undrain what the datacenter's evacuation drained. With --wait: until every endpoint is restored.")
            { datacenter, options.Reason, options.Wait, options.Timeout };
        restore.SetAction((parse, ct) => api.RunAsync(parse, (client, format) =>
            StartAsync(client, format, parse, options, $"/api/v1/datacenters/{Uri.EscapeDataString(parse.GetValue(datacenter)!)}/restore", "restored", Evacuation, ct), PollFor + TimeSpan.FromSeconds(10)));

        root.Subcommands.Add(drain);
        root.Subcommands.Add(undrain);
        root.Subcommands.Add(evacuate);
        root.Subcommands.Add(restore);
    }

    /// <summary>Where a drain or an evacuation is polled, and how its state is read.</summary>
    private sealed record Subject(Func<JsonElement, string> PollPath, Func<JsonElement, string?> State, string[] Columns, Func<JsonElement, string?[]> Row);

    private static readonly Subject Drain = new(
        d => $"/api/v1/drains/{Uri.EscapeDataString(d.Text("id")!)}",
        d => d.Text("state"),
        ["drain", "endpoint", "service", "state", "requested by", "reason", "started"],
        d => [d.Text("id"), d.Text("endpoint"), d.Text("service"), d.Text("state"), d.Text("requestedBy"), d.Text("reason"), d.Text("startedAt")]);

    private static readonly Subject Evacuation = new(
        e => $"/api/v1/datacenters/{Uri.EscapeDataString(e.Text("datacenter")!)}",
        e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("evacuation", out var inner) ? inner.Text("state") : e.Text("state"),
        ["evacuation", "datacenter", "state", "drains", "refused"],
        e => Evacuated(e) is { } v
            ? [v.Text("id"), v.Text("datacenter"), v.Text("state"), Count(v, "drainId").ToString(System.Globalization.CultureInfo.InvariantCulture), Count(v, "refused").ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : ["-", "-", "-", "-", "-"]);

    private static async Task<int> StartAsync(ApiClient client, OutputFormat format, ParseResult parse, WaitOptions options, string path, string wait, Subject subject, CancellationToken ct)
    {
        var body = new Dictionary<string, object?> { ["reason"] = parse.GetValue(options.Reason), ["actor"] = $"cli {Environment.UserName}@{Environment.MachineName}" };
        if (parse.GetValue(options.Force))
        {
            body["force"] = true;
        }

        var response = await client.PostJsonAsync(path, body, ct);
        if (!response.IsSuccess)
        {
            return CliOutput.Fail(client, response);
        }

        var current = response.Json!.Value;
        if (!parse.GetValue(options.Wait))
        {
            Show(format, subject, current);
            return ExitCodes.Ok;
        }

        var pollPath = subject.PollPath(current);
        var deadline = DateTime.UtcNow + parse.GetValue(options.Timeout);
        while (subject.State(current) != wait)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                Show(format, subject, current);
                await Console.Error.WriteLineAsync($"not {wait} within {parse.GetValue(options.Timeout).TotalSeconds:0} s: {subject.State(current)}");
                return ExitCodes.Timeout;
            }

            var poll = TimeSpan.FromSeconds(Math.Max(1, Math.Min(PollFor.TotalSeconds, Math.Ceiling(left.TotalSeconds))));
            var answer = await client.GetAsync($"{pollPath}?wait={wait}&timeout={poll.TotalSeconds:0}s", ct);
            if (answer.IsSuccess)
            {
                current = answer.Json!.Value;
            }
            else if (answer.Status < 500)
            {
                return CliOutput.Fail(client, answer);
            }
            else
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct); // a grain moving off a dead silo: ask again
            }
        }

        Show(format, subject, current);
        return ExitCodes.Ok;
    }

    private static void Show(OutputFormat format, Subject subject, JsonElement value)
    {
        if (format == OutputFormat.Json)
        {
            CliOutput.Json(value);
            return;
        }

        var table = CliOutput.Table(subject.Columns);
        CliOutput.Row(table, subject.Row(value));
        CliOutput.Write(table);
    }

    private static JsonElement? Evacuated(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("evacuation", out var inner) ? (inner.ValueKind == JsonValueKind.Object ? inner : null) : e;

    private static int Count(JsonElement evacuation, string property) =>
        evacuation.TryGetProperty("drains", out var drains) ? drains.EnumerateArray().Count(d => d.Text(property) is not null) : 0;

    /// <summary>The options drain, undrain, evacuate and restore share.</summary>
    private sealed class WaitOptions
    {
        public Option<string?> Reason { get; } = new("--reason") { Description = "Why (kept in the audit log)" };

        public Option<bool> Force { get; } = new("--force") { Description = "Go past the disruption budget (admin; recorded as a forced override)" };

        public Option<bool> Wait { get; } = new("--wait") { Description = "Wait until done; exit 6 when --timeout passes first" };

        public Option<TimeSpan> Timeout { get; } = new("--timeout")
        {
            Description = "How long --wait waits, for example 00:05:00 (default 10 minutes)",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(10),
        };
    }
}
