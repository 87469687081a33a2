using System.Text.Json;

namespace ControlPlane.Silo.Tests;

/// <summary>Drain, evacuation and decision calls on a silo's API, waiting by long poll (each poll shorter than the client's 10 s timeout).</summary>
internal static class DrainApiClient
{
    /// <summary>Long-polls <c>GET /api/v1/drains/{id}?wait=</c> until the drain is in <paramref name="state"/>; fails after <paramref name="within"/>.</summary>
    public static Task<JsonElement> WaitForDrainAsync(this SiloProcess silo, string id, string wait, string state, TimeSpan within) =>
        silo.PollAsync($"/api/v1/drains/{Uri.EscapeDataString(id)}?wait={wait}&timeout=8s", d => d.GetProperty("state").GetString() == state, within, $"drain {id} {state}");

    /// <summary>Long-polls <c>GET /api/v1/datacenters/{id}?wait=</c> until its evacuation is in <paramref name="state"/>.</summary>
    public static Task<JsonElement> WaitForEvacuationAsync(this SiloProcess silo, string datacenter, string wait, string state, TimeSpan within) =>
        silo.PollAsync($"/api/v1/datacenters/{datacenter}?wait={wait}&timeout=8s", d => d.GetProperty("evacuation").GetProperty("state").GetString() == state,
            within, $"datacenter {datacenter} {state}");

    private static async Task<JsonElement> PollAsync(this SiloProcess silo, string path, Func<JsonElement, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        JsonElement last = default;
        do
        {
            if (await TryGetAsync(silo, path) is { } answer)
            {
                last = answer;
                if (done(answer))
                {
                    return answer;
                }
            }
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"not {what} within {within.TotalSeconds} s: {last}\n{silo.Output}");
        return last;
    }

    /// <summary>The answer, or null after a 5xx (a grain still moving off a killed silo answers so for a few seconds), after a short pause.</summary>
    private static async Task<JsonElement?> TryGetAsync(SiloProcess silo, string path)
    {
        try
        {
            return await silo.GetJsonAsync(path);
        }
        catch (HttpRequestException e) when ((int?)e.StatusCode >= 500)
        {
            await Task.Delay(250);
            return null;
        }
    }

    /// <summary>The endpoint's decisions, oldest first.</summary>
    public static async Task<List<JsonElement>> DecisionsOfAsync(this SiloProcess silo, string endpoint) =>
        (await silo.GetJsonAsync($"/api/v1/decisions?endpoint={endpoint}")).EnumerateArray().Reverse().ToList();

    public static string Kind(this JsonElement decision) => decision.GetProperty("kind").GetString()!;

    public static DateTimeOffset Time(this JsonElement element, string property) => element.GetProperty(property).GetDateTimeOffset();
}
