using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ControlPlane.Testing.Prometheus;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>, installed by scripts/prereqs.d/40-prometheus.sh)
/// scraping <see cref="PrometheusScrape"/> targets, with its own configuration, data folder and
/// listen address (a loopback address and a free port), asked through its HTTP API.
/// </summary>
/// <remarks>
/// Started and stopped by its PID (SIGTERM, then SIGKILL after 5 s). The configuration is written
/// by <see cref="StartAsync"/>: one job per <see cref="PrometheusScrape"/>, the given scrape and rule
/// evaluation interval, and the rule files given, so rules are evaluated against the same series.
/// </remarks>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CapturedOutput _output;
    private readonly string _directory;

    private PrometheusServer(Process process, string directory, Uri api)
    {
        _process = process;
        _directory = directory;
        Api = api;
        Http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
        _output = new CapturedOutput(process);
    }

    public Uri Api { get; }

    public HttpClient Http { get; }

    /// <summary>Everything Prometheus logged, for failure messages.</summary>
    public string Output => _output.ToString();

    public static string Executable => new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("prometheus not found: scripts/prereqs.d/40-prometheus.sh installs Debian's prometheus");

    /// <summary>Writes the configuration, starts Prometheus on <paramref name="address"/> (a free port) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(IPAddress address, int port, TimeSpan interval, IEnumerable<PrometheusScrape> scrapes, IEnumerable<string> ruleFiles)
    {
        var directory = Directory.CreateTempSubdirectory("cp-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, Configuration(interval, scrapes, ruleFiles));
        var listen = $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address={listen}", "--log.level=warn", "--storage.tsdb.retention.time=1h",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var server = new PrometheusServer(Process.Start(start)!, directory, new Uri($"http://{listen}"));
        if (await HttpReadiness.WaitAsync(server._process, server.Http, "/-/ready", TimeSpan.FromSeconds(30), server._output))
        {
            return server;
        }

        await server.DisposeAsync();
        throw new TimeoutException($"prometheus was not ready within 30 s:\n{server.Output}");
    }

    /// <summary>Evaluates <paramref name="promql"/> now through <c>/api/v1/query</c>.</summary>
    public async Task<PrometheusQueryResult> QueryAsync(string promql)
    {
        using var response = await Http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        return PrometheusQueryResult.Parse(promql, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The values of <paramref name="label"/> over the series <paramref name="match"/> selects (Grafana's <c>label_values(match, label)</c>).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string match)
    {
        using var response = await Http.GetAsync($"/api/v1/label/{Uri.EscapeDataString(label)}/values?match[]={Uri.EscapeDataString(match)}");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"label values of {label} over {match}: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every rule Prometheus evaluates: group, name, health (<c>ok</c>, <c>err</c>, <c>unknown</c>) and last error.</summary>
    public async Task<IReadOnlyList<(string Group, string Name, string Health, string? Error)>> RulesAsync()
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/rules"));
        return json.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray().Select(r => (
                g.GetProperty("name").GetString()!,
                r.GetProperty("name").GetString()!,
                r.GetProperty("health").GetString()!,
                r.TryGetProperty("lastError", out var e) ? e.GetString() : null)))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", $"-TERM {_process.Id}"))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        Http.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Configuration(TimeSpan interval, IEnumerable<PrometheusScrape> scrapes, IEnumerable<string> ruleFiles)
    {
        var seconds = $"{interval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
        var yaml = new StringBuilder($"""
            global:
              scrape_interval: {seconds}
              scrape_timeout: {seconds}
              evaluation_interval: {seconds}
            rule_files:

            """);
        foreach (var file in ruleFiles)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {JsonSerializer.Serialize(file)}\n");
        }

        yaml.Append("scrape_configs:\n");
        foreach (var scrape in scrapes)
        {
            var targets = string.Join(", ", scrape.Targets.Select(t => JsonSerializer.Serialize(t)));
            yaml.Append(CultureInfo.InvariantCulture, $"  - job_name: {JsonSerializer.Serialize(scrape.Job)}\n    metrics_path: {scrape.MetricsPath}\n    static_configs:\n      - targets: [{targets}]\n");
        }

        return yaml.ToString();
    }
}
