using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>Grain calls over HTTP: <c>POST {silo}/internal/v1/grains/{kind}/{key}/{method}</c> with the arguments as a JSON array.</summary>
public sealed class HttpGrainTransport(HttpClient http) : IGrainTransport
{
    public const string RoutePrefix = "/internal/v1/grains";

    public async Task<T> InvokeAsync<T>(Uri silo, GrainId grain, string method, object?[] args, CancellationToken cancellationToken)
    {
        var uri = new Uri(silo, $"{RoutePrefix}/{Uri.EscapeDataString(grain.Kind)}/{Uri.EscapeDataString(grain.Key)}/{Uri.EscapeDataString(method)}");
        using var response = await http.PostAsJsonAsync(uri, args, StoreJson.Options, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new ShardNotOwnedException(grain, $"not owned by {silo}");
        }

        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"grain call {grain}.{method} at {silo} failed: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }

        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonSerializer.Deserialize<T>(json, StoreJson.Options)!;
    }
}
