using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ControlPlane.Configuration;
using ControlPlane.Configuration.Cluster;
using ControlPlane.Configuration.Silo;

namespace ControlPlane.Silo;

/// <summary>The command-line subcommands other than <c>run</c>.</summary>
internal static class Cli
{
    public static int Validate(string path, string? kind)
    {
        kind ??= LooksLikeSiloSettings(path) ? "silo" : "cluster";
        var errors = kind == "silo"
            ? SiloSettingsParser.LoadFile(path).Errors
            : ClusterDefinitionParser.LoadFile(path, SiloHost.DnsProviderFactories()).Errors;
        if (errors.Count == 0)
        {
            Console.WriteLine($"{path}: valid {(kind == "silo" ? "silo settings" : "cluster definition")}");
            return 0;
        }

        Console.Error.WriteLine($"{path}: {errors.Count} error(s)");
        foreach (var error in errors)
        {
            Console.Error.WriteLine("  " + error);
        }

        return 1;
    }

    public static async Task<int> ApplyAsync(string path, string serverText)
    {
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine($"--server: '{serverText}' is not an http(s) URL such as http://127.0.0.1:8480");
            return 2;
        }

        var local = Validate(path, "cluster");
        if (local != 0)
        {
            return local;
        }

        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        var content = new StringContent(await File.ReadAllTextAsync(path), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/definition") { Content = content };
        request.Headers.Add("X-Applied-By", $"cli {Environment.UserName}@{Environment.MachineName}");
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"{server}: {(int)response.StatusCode} {body}");
                return 1;
            }

            using var json = JsonDocument.Parse(body);
            Console.WriteLine($"applied {path}: version {json.RootElement.GetProperty("version").GetInt64()}");
            return 0;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"{server}: {e.Message}");
            return 1;
        }
    }

    public static async Task<int> DemoTargetAsync(string name, string listen)
    {
        if (!IPEndPoint.TryParse(listen, out var endpoint) || endpoint.Port == 0 || !IPAddress.IsLoopback(endpoint.Address))
        {
            Console.Error.WriteLine($"--listen: '{listen}' must be a loopback ip:port such as 127.0.0.2:8081");
            return 2;
        }

        await using var target = await DemoTarget.StartAsync(name, endpoint, CancellationToken.None);
        Console.WriteLine($"demo target {name} listening on http://{endpoint}/health");
        var stopped = new TaskCompletionSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopped.TrySetResult(); });
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stopped.TrySetResult(); });
        await stopped.Task;
        return 0;
    }

    private static bool LooksLikeSiloSettings(string path)
    {
        try
        {
            return File.ReadLines(path).Any(l => l.StartsWith("silo:", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
