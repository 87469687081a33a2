using System.CommandLine;

namespace ControlPlane.Silo.Cli;

/// <summary><c>keys create|list|revoke</c>: API keys, through the API with an admin key.</summary>
internal static class KeyCommands
{
    public static void AddTo(RootCommand root, ApiConnection api)
    {
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. ci or deploy-bot (letters, digits, . _ -)", Required = true };
        var role = new Option<string>("--role") { Description = "viewer (read), operator (drain, maintenance, webhook tests) or admin (definition, keys, webhooks)", Required = true };
        role.AcceptOnlyFromAmong("viewer", "operator", "admin");
        var create = new Command("create", "Create a key; prints it once (only its hash is stored).") { name, role };
        create.SetAction(parse => api.RunAsync(parse, (client, format) => CreateAsync(client, format, parse.GetValue(name)!, parse.GetValue(role)!)));

        var all = new Option<bool>("--all") { Description = "Include revoked keys" };
        var list = new Command("list", "List keys: id, name, role, creator, created, last used (never the secrets).") { all };
        list.SetAction(parse => api.RunAsync(parse, (client, format) => ListAsync(client, format, parse.GetValue(all))));

        var id = new Argument<string>("id") { Description = "The key's id (the 12 hex digits after cpk_)" };
        var revoke = new Command("revoke", "Revoke a key: every silo refuses it within seconds.") { id };
        revoke.SetAction(parse => api.RunAsync(parse, (client, format) => RevokeAsync(client, format, parse.GetValue(id)!)));

        root.Subcommands.Add(new Command("keys", "API keys (needs an admin key).") { create, list, revoke });
    }

    private static async Task<int> CreateAsync(ApiClient client, OutputFormat format, string name, string role)
    {
        var response = await client.PostJsonAsync("/api/v1/keys", new { name, role }, CancellationToken.None);
        return CliOutput.Show(client, response, format, key =>
        {
            CliOutput.Line($"created {key.Text("role")} key '{key.Text("name")}' (id {key.Text("id")}); it is shown only now:");
            CliOutput.Line(key.Text("key")!);
        });
    }

    private static async Task<int> ListAsync(ApiClient client, OutputFormat format, bool all)
    {
        var response = await client.GetAsync(all ? "/api/v1/keys?limit=1000" : "/api/v1/keys?limit=1000&revoked=false", CancellationToken.None);
        return CliOutput.Show(client, response, format, keys =>
        {
            var table = CliOutput.Table("id", "name", "role", "created by", "created", "last used", "revoked");
            foreach (var key in keys.Items())
            {
                CliOutput.Row(table, key.Text("id"), key.Text("name"), key.Text("role"), key.Text("createdBy"), key.Text("createdAt"), key.Text("lastUsedAt"), key.Text("revokedAt"));
            }

            CliOutput.Write(table);
        });
    }

    private static async Task<int> RevokeAsync(ApiClient client, OutputFormat format, string id)
    {
        var response = await client.DeleteAsync($"/api/v1/keys/{Uri.EscapeDataString(id)}", CancellationToken.None);
        return CliOutput.Show(client, response, format, key => CliOutput.Line($"revoked key {id} ('{key.Text("name")}')"));
    }
}
