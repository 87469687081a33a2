using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ControlPlane.Silo.Tests.Access;

/// <summary>API keys, roles, the audit log, paging and limits, against a real silo process.</summary>
public sealed class AccessAcceptanceTests : IAsyncLifetime
{
    private AccessSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await AccessSilo.StartAsync("  maxRequestBytes: 4096\n  maxDefinitionBytes: 1048576\n");

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Each_role_gets_200_where_allowed_403_where_not_and_no_or_a_bad_key_gets_401_with_a_bearer_challenge()
    {
        var (_, viewer) = await _silo.CreateKeyAsync("viewer-key", "viewer");
        var (_, operatorKey) = await _silo.CreateKeyAsync("operator-key", "operator");
        var admin = SiloProcess.AdminKey;

        var anonymous = await _silo.SendAsync(HttpMethod.Get, "/api/v1/definition", null);
        Assert.Equal(401, anonymous.Status);
        Assert.Equal("Bearer", anonymous.Response.Headers.WwwAuthenticate.Single().Scheme);
        var bad = await _silo.SendAsync(HttpMethod.Get, "/api/v1/definition", "cpk_000000000000_" + new string('x', 43));
        Assert.Equal(401, bad.Status);
        Assert.Contains("invalid_token", bad.Response.Headers.WwwAuthenticate.ToString());

        Assert.Equal(200, (await _silo.SendAsync(HttpMethod.Get, "/api/v1/definition", viewer)).Status);
        var drain = new { actor = "test", reason = "rolling restart" };
        var refused = await _silo.SendAsync(HttpMethod.Post, "/api/v1/endpoints/web-b/drain", viewer, drain);
        Assert.Equal(403, refused.Status);
        Assert.Contains("operator", refused.Body.GetProperty("error").GetString());
        Assert.Equal(202, (await _silo.SendAsync(HttpMethod.Post, "/api/v1/endpoints/web-b/drain", operatorKey, drain)).Status);
        Assert.Equal(202, (await _silo.SendAsync(HttpMethod.Post, "/api/v1/endpoints/web-b/undrain", admin, drain)).Status);

        Assert.Equal(403, (await _silo.SendAsync(HttpMethod.Get, "/api/v1/keys", operatorKey)).Status);
        Assert.Equal(403, (await _silo.SendAsync(HttpMethod.Put, "/api/v1/definition", operatorKey, content: Yaml(File.ReadAllText(_silo.Scenario.DefinitionPath)))).Status);
        Assert.Equal(200, (await _silo.SendAsync(HttpMethod.Get, "/api/v1/keys", admin)).Status);

        // The status page and the reads it makes are open by default; /healthz always.
        Assert.Equal(200, (await _silo.SendAsync(HttpMethod.Get, "/api/v1/services", null)).Status);
        Assert.Equal(200, (await _silo.SendAsync(HttpMethod.Get, "/", null)).Status);
        Assert.Equal(200, (await _silo.SendAsync(HttpMethod.Get, "/metrics", null)).Status);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_keys_show_no_secret()
    {
        var (id, key) = await _silo.CreateKeyAsync("short-lived", "operator");
        Assert.Equal(200, (await _silo.SendAsync(HttpMethod.Get, "/api/v1/definition", key)).Status);

        var revoked = await _silo.SendAsync(HttpMethod.Delete, $"/api/v1/keys/{id}", SiloProcess.AdminKey);
        Assert.Equal(200, revoked.Status);
        Assert.True(revoked.Body.TryGetProperty("revokedAt", out _));
        Assert.Equal(401, (await _silo.SendAsync(HttpMethod.Get, "/api/v1/definition", key)).Status);
        Assert.Equal(404, (await _silo.SendAsync(HttpMethod.Delete, "/api/v1/keys/000000000000", SiloProcess.AdminKey)).Status);

        var list = await _silo.SendAsync(HttpMethod.Get, "/api/v1/keys", SiloProcess.AdminKey);
        var listed = Assert.Single(list.Body.GetProperty("items").EnumerateArray(), k => k.GetProperty("id").GetString() == id);
        Assert.Equal("bootstrap", listed.GetProperty("createdBy").GetString());
        Assert.True(listed.TryGetProperty("lastUsedAt", out _));
        Assert.DoesNotContain(key[(key.LastIndexOf('_') + 1)..], list.Body.ToString());
        Assert.DoesNotContain("secretHash", list.Body.ToString());
    }

    [Fact]
    public async Task Mutating_calls_are_audited_with_key_role_action_target_and_status_and_the_audit_pages_by_cursor()
    {
        var (_, viewer) = await _silo.CreateKeyAsync("audited-viewer", "viewer");
        var (_, operatorKey) = await _silo.CreateKeyAsync("audited-operator", "operator");
        var drain = new { actor = "test", reason = "audit" };
        Assert.Equal(403, (await _silo.SendAsync(HttpMethod.Post, "/api/v1/endpoints/web-a/drain", viewer, drain)).Status);
        Assert.Equal(202, (await _silo.SendAsync(HttpMethod.Post, "/api/v1/endpoints/web-a/drain", operatorKey, drain)).Status);
        Assert.Equal(401, (await _silo.SendAsync(HttpMethod.Post, "/api/v1/endpoints/web-a/undrain", null, drain)).Status);

        var entries = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await _silo.SendAsync(HttpMethod.Get, "/api/v1/audit?limit=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), SiloProcess.AdminKey);
            Assert.Equal(200, page.Status);
            Assert.True(page.Body.GetProperty("items").GetArrayLength() <= 2);
            entries.AddRange(page.Body.GetProperty("items").EnumerateArray());
            cursor = page.Body.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal(entries.Count, entries.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(5, entries.Count); // two key creations by bootstrap, the refused drain, the drain, the anonymous undrain
        var (newest, operatorDrain, viewerDrain) = (entries[0], entries[1], entries[2]);
        Assert.Equal((401, "UndrainEndpoint"), (newest.GetProperty("status").GetInt32(), newest.GetProperty("action").GetString()));
        Assert.False(newest.TryGetProperty("keyName", out _));
        Assert.Equal(("audited-operator", "operator", "DrainEndpoint", "/api/v1/endpoints/web-a/drain", 202),
            (operatorDrain.GetProperty("keyName").GetString(), operatorDrain.GetProperty("role").GetString(), operatorDrain.GetProperty("action").GetString(),
             operatorDrain.GetProperty("target").GetString(), operatorDrain.GetProperty("status").GetInt32()));
        Assert.Equal(("audited-viewer", 403), (viewerDrain.GetProperty("keyName").GetString(), viewerDrain.GetProperty("status").GetInt32()));
        Assert.Equal(("bootstrap", "CreateKey", 201), (entries[4].GetProperty("keyName").GetString(), entries[4].GetProperty("action").GetString(), entries[4].GetProperty("status").GetInt32()));
    }

    [Theory]
    [InlineData("/api/v1/audit?limit=0", "limit")]
    [InlineData("/api/v1/audit?cursor=not-a-cursor!", "cursor")]
    [InlineData("/api/v1/audit?colour=blue", "colour")]
    [InlineData("/api/v1/keys?revoked=maybe", "revoked")]
    [InlineData("/api/v1/keys?limit=10&limit=20", "limit")]
    [InlineData("/api/v1/decisions?colour=blue", "colour")]
    [InlineData("/api/v1/dns-changes?limit=many", "limit")]
    public async Task A_bad_query_parameter_is_400_naming_it(string path, string field)
    {
        var (status, body, _) = await _silo.SendAsync(HttpMethod.Get, path, SiloProcess.AdminKey);
        Assert.Equal(400, status);
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.StartsWith(field + ":", body.GetProperty("details")[0].GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_but_a_definition_may_be_larger()
    {
        var big = new string('x', 8192);
        var tooBig = await _silo.SendAsync(HttpMethod.Post, "/api/v1/keys", SiloProcess.AdminKey, new { name = "big", role = big });
        Assert.Equal(413, tooBig.Status);

        var definition = File.ReadAllText(_silo.Scenario.DefinitionPath) + "\n# " + new string('y', 100_000) + "\n";
        var applied = await _silo.SendAsync(HttpMethod.Put, "/api/v1/definition", SiloProcess.AdminKey, content: Yaml(definition));
        Assert.True(applied.Status == 200, applied.Body.ToString());
    }

    [Fact]
    public async Task The_cli_reads_and_manages_keys_with_exit_codes_and_json_output()
    {
        var server = _silo.Api.ToString();
        var (exit, output) = await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, "keys", "create", "--name", "cli-made", "--role", "viewer", "--server", server, "--output", "json");
        Assert.True(exit == 0, output);
        var created = JsonDocument.Parse(output).RootElement;
        var viewerKey = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetString()!;

        var asViewer = new Dictionary<string, string> { ["CONTROLPLANE_API_KEY"] = viewerKey, ["CONTROLPLANE_SERVER"] = server };
        (exit, output) = await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, asViewer, "status");
        Assert.True(exit == 0, output);
        Assert.Contains("silo-test", output);
        Assert.Contains("web.example.test.", output);
        (exit, output) = await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, asViewer, "endpoints", "--output", "json");
        Assert.True(exit == 0, output);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetArrayLength());
        (exit, output) = await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, asViewer, "services", "web");
        Assert.True(exit == 0, output);
        Assert.Contains("web-a", output);
        (exit, output) = await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, asViewer, "decisions", "--endpoint", "web-a", "-o", "json");
        Assert.True(exit == 0, output);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(output).RootElement.ValueKind);

        Assert.Equal(3, (await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, asViewer, "services", "nope")).ExitCode);
        Assert.Equal(2, (await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, asViewer, "decisions", "--from", "yesterday")).ExitCode);
        Assert.Equal(5, (await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, asViewer, "keys", "list")).ExitCode);
        Assert.Equal(5, (await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, new Dictionary<string, string>(), "keys", "list", "--server", server)).ExitCode);

        (exit, output) = await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, "keys", "list", "--server", server);
        Assert.True(exit == 0, output);
        Assert.Contains("cli-made", output);
        Assert.Equal(0, (await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, "keys", "revoke", id, "--server", server)).ExitCode);
        Assert.Equal(5, (await SiloProcess.RunToEndAsync(_silo.Scenario.Directory, asViewer, "status")).ExitCode);
    }

    private static StringContent Yaml(string text)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        return content;
    }
}
