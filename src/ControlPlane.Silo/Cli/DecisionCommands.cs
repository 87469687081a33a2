using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace ControlPlane.Silo.Cli;

/// <summary><c>decisions</c>: what the control plane decided and why, filtered, optionally followed as new ones arrive.</summary>
internal static class DecisionCommands
{
    private static readonly TimeSpan FollowEvery = TimeSpan.FromSeconds(2);

    public static void AddTo(RootCommand root, ApiConnection api)
    {
        var service = new Option<string?>("--service") { Description = "Only decisions about this service" };
        var endpoint = new Option<string?>("--endpoint") { Description = "Only decisions about this endpoint" };
        var from = new Option<string?>("--from") { Description = "Not before this ISO 8601 time" };
        var to = new Option<string?>("--to") { Description = "Not after this ISO 8601 time" };
        var limit = new Option<int>("--limit") { Description = "At most this many (1-10000)", DefaultValueFactory = _ => 20 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new decisions as they are made, until Ctrl+C" };
        var decisions = new Command("decisions", "List decisions, newest first (with --follow: oldest first, then each new one).") { service, endpoint, from, to, limit, follow };
        decisions.SetAction((parse, cancellationToken) => api.RunAsync(parse, (client, format) =>
        {
            var query = new Dictionary<string, string?>
            {
                ["service"] = parse.GetValue(service),
                ["endpoint"] = parse.GetValue(endpoint),
                ["from"] = parse.GetValue(from),
                ["to"] = parse.GetValue(to),
                ["limit"] = parse.GetValue(limit).ToString(CultureInfo.InvariantCulture),
            };
            return parse.GetValue(follow) ? FollowAsync(client, format, query, cancellationToken) : ListAsync(client, format, query, cancellationToken);
        }));
        root.Subcommands.Add(decisions);
    }

    private static async Task<int> ListAsync(ApiClient client, OutputFormat format, Dictionary<string, string?> query, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(Path(query), cancellationToken);
        if (!response.IsSuccess)
        {
            return CliOutput.Fail(client, response);
        }

        if (format == OutputFormat.Json)
        {
            CliOutput.Json(response.Json);
            return ExitCodes.Ok;
        }

        var table = CliOutput.Table("at", "kind", "service", "endpoint", "change", "reason");
        foreach (var decision in response.Json!.Value.Items())
        {
            CliOutput.Row(table, decision.Text("at"), decision.Text("kind"), decision.Text("serviceId"), decision.Text("endpointId"),
                $"{decision.Text("from")} -> {decision.Text("to")}", decision.Text("reason"));
        }

        CliOutput.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>Polls for decisions newer than the last one printed; one line (or one JSON object) per decision.</summary>
    private static async Task<int> FollowAsync(ApiClient client, OutputFormat format, Dictionary<string, string?> query, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var response = await client.GetAsync(Path(query), cancellationToken);
                if (!response.IsSuccess)
                {
                    return CliOutput.Fail(client, response);
                }

                foreach (var decision in response.Json!.Value.Items().Reverse())
                {
                    if (decision.Text("id") is not { } id || !seen.Add(id))
                    {
                        continue;
                    }

                    CliOutput.Line(format == OutputFormat.Json
                        ? JsonSerializer.Serialize(decision)
                        : $"{decision.Text("at")} {decision.Text("kind")} {decision.Text("endpointId")} {decision.Text("from")} -> {decision.Text("to")}: {decision.Text("reason")}");
                    query["from"] = decision.Text("at");
                }

                await Console.Out.FlushAsync(cancellationToken);
                await Task.Delay(FollowEvery, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return ExitCodes.Ok;
    }

    private static string Path(Dictionary<string, string?> query) =>
        "/api/v1/decisions?" + string.Join("&", query.Where(q => q.Value is not null).Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value!)}"));
}
