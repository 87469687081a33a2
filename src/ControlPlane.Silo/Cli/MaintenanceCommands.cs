using System.CommandLine;

namespace ControlPlane.Silo.Cli;

/// <summary><c>maintenance list|create|cancel</c>: scheduled maintenance windows (drain or mute) of an endpoint, service or datacenter.</summary>
internal static class MaintenanceCommands
{
    private static readonly string[] Columns = ["window", "target", "mode", "start", "end", "state", "reason"];

    public static void AddTo(RootCommand root, ApiConnection api)
    {
        var maintenance = new Command("maintenance", "Maintenance windows: list, create, cancel.");

        var list = new Command("list", "List maintenance windows (scheduled, active, and those ended in the last 7 days).");
        list.SetAction((parse, ct) => api.RunAsync(parse, async (client, format) =>
        {
            var response = await client.GetAsync("/api/v1/maintenance", ct);
            return Show(client, format, response, list: true);
        }));

        var endpoint = new Option<string?>("--endpoint") { Description = "Target: one endpoint" };
        var service = new Option<string?>("--service") { Description = "Target: every endpoint of a service" };
        var datacenter = new Option<string?>("--datacenter") { Description = "Target: every endpoint in a datacenter" };
        var start = new Option<string>("--start") { Description = "ISO 8601 start (default now)", DefaultValueFactory = _ => DateTimeOffset.UtcNow.ToString("O") };
        var end = new Option<string>("--end") { Description = "ISO 8601 end", Required = true };
        var mode = new Option<string>("--mode") { Description = "drain (out of DNS) or mute (alerts only)", DefaultValueFactory = _ => "drain" };
        mode.AcceptOnlyFromAmong("drain", "mute");
        var reason = new Option<string?>("--reason") { Description = "Why" };
        var force = new Option<bool>("--force") { Description = "Drain mode: go past disruption budgets (admin)" };
        var create = new Command("create", "Schedule a window; exactly one of --endpoint, --service, --datacenter.") { endpoint, service, datacenter, start, end, mode, reason, force };
        create.SetAction((parse, ct) => api.RunAsync(parse, async (client, format) =>
        {
            var target = new Dictionary<string, string?> { ["endpoint"] = parse.GetValue(endpoint), ["service"] = parse.GetValue(service), ["datacenter"] = parse.GetValue(datacenter) }
                .Where(t => t.Value is not null).ToDictionary(t => t.Key, t => t.Value);
            var body = new Dictionary<string, object?>
            {
                ["target"] = target,
                ["start"] = parse.GetValue(start),
                ["end"] = parse.GetValue(end),
                ["mode"] = parse.GetValue(mode),
                ["reason"] = parse.GetValue(reason),
                ["force"] = parse.GetValue(force),
                ["actor"] = $"cli {Environment.UserName}@{Environment.MachineName}",
            };
            return Show(client, format, await client.PostJsonAsync("/api/v1/maintenance", body, ct), list: false);
        }));

        var id = new Argument<string>("id") { Description = "Window id, such as mw-3" };
        var cancel = new Command("cancel", "Cancel a window: a scheduled one never starts, an active one ends now.") { id };
        cancel.SetAction((parse, ct) => api.RunAsync(parse, async (client, format) =>
            Show(client, format, await client.DeleteAsync($"/api/v1/maintenance/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct), list: false)));

        maintenance.Subcommands.Add(list);
        maintenance.Subcommands.Add(create);
        maintenance.Subcommands.Add(cancel);
        root.Subcommands.Add(maintenance);
    }

    private static int Show(ApiClient client, OutputFormat format, ApiResponse response, bool list)
    {
        if (!response.IsSuccess)
        {
            return CliOutput.Fail(client, response);
        }

        if (format == OutputFormat.Json)
        {
            CliOutput.Json(response.Json);
            return ExitCodes.Ok;
        }

        var table = CliOutput.Table(Columns);
        foreach (var w in list ? response.Json!.Value.Items() : [response.Json!.Value])
        {
            CliOutput.Row(table, w.Text("id"), $"{w.Text("targetKind")} {w.Text("targetId")}", w.Text("mode"), w.Text("start"), w.Text("end"), w.Text("state"), w.Text("reason"));
        }

        CliOutput.Write(table);
        return ExitCodes.Ok;
    }
}
