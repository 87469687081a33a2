using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ControlPlane.Silo.Tests.Access;

/// <summary>A real silo whose <c>api</c> settings get <paramref name="apiExtras"/>, and helpers to call it with a chosen key.</summary>
internal sealed class AccessSilo : IAsyncDisposable
{
    private AccessSilo(SiloScenario scenario, SiloProcess silo)
    {
        Scenario = scenario;
        Silo = silo;
    }

    public SiloScenario Scenario { get; }

    public SiloProcess Silo { get; }

    public Uri Api => Scenario.Api;

    public static async Task<AccessSilo> StartAsync(string apiExtras = "")
    {
        var scenario = await SiloScenario.CreateAsync("failover", "web-a", "web-b");
        var listen = $"  listen: {scenario.Api}\n";
        var settings = await File.ReadAllTextAsync(scenario.SettingsPath);
        Assert.Contains(listen, settings);
        await File.WriteAllTextAsync(scenario.SettingsPath, settings.Replace(listen, listen + apiExtras, StringComparison.Ordinal));
        return new AccessSilo(scenario, await scenario.StartSiloAsync());
    }

    /// <summary>Creates a key through the API with the bootstrap admin key; returns its id and text.</summary>
    public async Task<(string Id, string Key)> CreateKeyAsync(string name, string role)
    {
        var (status, body) = await Silo.PostJsonAsync("/api/v1/keys", new { name, role });
        Assert.True(status == 201, body.ToString());
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    /// <summary>Sends a request with <paramref name="key"/> (null: no Authorization header).</summary>
    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? key, object? json = null, HttpContent? content = null)
    {
        using var http = new HttpClient { BaseAddress = Api, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, path) { Content = content ?? (json is null ? null : JsonContent.Create(json)) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : JsonSerializer.SerializeToElement(text);
        return ((int)response.StatusCode, body, response);
    }

    public ValueTask DisposeAsync() => Scenario.DisposeAsync();
}
