using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ControlPlane.Silo.Cli;

/// <summary>Talks to one silo's API with the key of <c>--api-key</c> / <c>CONTROLPLANE_API_KEY</c>.</summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri server, string? apiKey, TimeSpan timeout)
    {
        Server = server;
        _http = new HttpClient { BaseAddress = server, Timeout = timeout };
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Trim());
        }

        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Uri Server { get; }

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    public Task<ApiResponse> PostJsonAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"), cancellationToken);

    /// <summary>Sends one request; a connection failure is an <see cref="HttpRequestException"/> (see <see cref="CliOutput.Unreachable"/>).</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        configure?.Invoke(request);
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                json = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                // not JSON after all: the text is reported as it is
            }
        }

        return new ApiResponse((int)response.StatusCode, json, text);
    }

    public void Dispose() => _http.Dispose();
}
