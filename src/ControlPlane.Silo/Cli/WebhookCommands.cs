using System.CommandLine;

namespace ControlPlane.Silo.Cli;

/// <summary><c>webhooks list|test|deliveries|replay</c>: subscriptions and their deliveries, through the API (docs/webhooks.md).</summary>
internal static class WebhookCommands
{
    public static void AddTo(RootCommand root, ApiConnection api)
    {
        var list = new Command("list", "List subscriptions: id, format, events, source (secrets are shown as their references only).");
        list.SetAction(parse => api.RunAsync(parse, ListAsync));

        var id = new Argument<string>("id") { Description = "The subscription's id" };
        var test = new Command("test", "Send a signed test event to a subscription now and show the receiver's answer (operator).") { id };
        test.SetAction(parse => api.RunAsync(parse, (client, format) => TestAsync(client, format, parse.GetValue(id)!)));

        var state = new Option<string?>("--state") { Description = "pending or dead (default: both)" };
        state.AcceptOnlyFromAmong("pending", "dead");
        var subscription = new Option<string?>("--subscription") { Description = "Only this subscription's deliveries" };
        var limit = new Option<int>("--limit") { Description = "At most this many (1-10000)", DefaultValueFactory = _ => 100 };
        var deliveries = new Command("deliveries", "Deliveries waiting or dead-lettered: event, attempts, last result, next attempt.") { state, subscription, limit };
        deliveries.SetAction(parse => api.RunAsync(parse, (client, format) =>
            DeliveriesAsync(client, format, parse.GetValue(state), parse.GetValue(subscription), parse.GetValue(limit))));

        var delivery = new Argument<string>("delivery") { Description = "A dead delivery's id (from webhooks deliveries --state dead)" };
        var replay = new Command("replay", "Send a dead-lettered delivery again, with its original idempotency key (operator).") { delivery };
        replay.SetAction(parse => api.RunAsync(parse, (client, format) => ReplayAsync(client, format, parse.GetValue(delivery)!)));

        root.Subcommands.Add(new Command("webhooks", "Webhook subscriptions and deliveries.") { list, test, deliveries, replay });
    }

    private static async Task<int> ListAsync(ApiClient client, OutputFormat format)
    {
        var response = await client.GetAsync("/api/v1/webhooks", CancellationToken.None);
        return CliOutput.Show(client, response, format, hooks =>
        {
            var table = CliOutput.Table("id", "format", "url", "events", "signed", "source");
            foreach (var hook in hooks.Items())
            {
                CliOutput.Row(table, hook.Text("id"), hook.Text("format"), hook.Text("url"), Events(hook), hook.Text("signed"), hook.Text("source"));
            }

            CliOutput.Write(table);
        });
    }

    private static async Task<int> TestAsync(ApiClient client, OutputFormat format, string id)
    {
        var response = await client.PostJsonAsync($"/api/v1/webhooks/{Uri.EscapeDataString(id)}/test", new { }, CancellationToken.None);
        if (response.IsSuccess && response.Json is { } answer && !answer.Flag("delivered"))
        {
            CliOutput.Show(client, response, format, a => CliOutput.Line($"test delivery {a.Text("delivery")} to {id} failed: {a.Text("result")}"));
            return ExitCodes.Failed;
        }

        return CliOutput.Show(client, response, format, a => CliOutput.Line($"test delivery {a.Text("delivery")} to {id}: {a.Text("result")} (status {a.Text("status")})"));
    }

    private static async Task<int> DeliveriesAsync(ApiClient client, OutputFormat format, string? state, string? subscription, int limit)
    {
        var query = new List<string> { $"limit={limit}" };
        if (state is not null)
        {
            query.Add($"state={state}");
        }

        if (subscription is not null)
        {
            query.Add($"subscription={Uri.EscapeDataString(subscription)}");
        }

        var response = await client.GetAsync($"/api/v1/webhooks/deliveries?{string.Join('&', query)}", CancellationToken.None);
        return CliOutput.Show(client, response, format, items =>
        {
            var table = CliOutput.Table("delivery", "state", "subscription", "event", "attempts", "last result", "next attempt");
            foreach (var d in items.Items())
            {
                CliOutput.Row(table, d.Text("id"), d.Text("state"), d.Text("subscription"), d.Text("type"), d.Text("attempts"), d.Text("lastResult"), d.Text("nextAttemptAt"));
            }

            CliOutput.Write(table);
        });
    }

    private static async Task<int> ReplayAsync(ApiClient client, OutputFormat format, string delivery)
    {
        var response = await client.PostJsonAsync($"/api/v1/webhooks/deliveries/{Uri.EscapeDataString(delivery)}/replay", new { }, CancellationToken.None);
        return CliOutput.Show(client, response, format, _ => CliOutput.Line($"delivery {delivery} is pending again"));
    }

    private static string Events(System.Text.Json.JsonElement hook) =>
        hook.TryGetProperty("events", out var events) && events.ValueKind == System.Text.Json.JsonValueKind.Array
            ? string.Join(", ", events.EnumerateArray().Select(e => e.GetString()))
            : "all";
}
