using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace ControlPlane.Testing.Silos;

/// <summary>A real <c>controlplane run</c> process, its output captured, stopped or killed by its PID.</summary>
/// <remarks>
/// Every silo started here gets <see cref="AdminKey"/> as its bootstrap admin key (in <c>CONTROLPLANE_BOOTSTRAP_KEY</c>,
/// the default of <c>api.bootstrapKeyEnv</c>), <see cref="Http"/> sends it, and <see cref="RunToEndAsync(string, string[])"/> passes it to
/// commands in <c>CONTROLPLANE_API_KEY</c>: tests that do not care about keys never see them.
/// </remarks>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>The bootstrap admin key of every silo the harness starts (random per test run).</summary>
    public static readonly string AdminKey = "test-bootstrap-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private readonly Process _process;
    private readonly CapturedOutput _output;

    private SiloProcess(Process process, Uri api)
    {
        _process = process;
        Api = api;
        Http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        _output = new CapturedOutput(process);
    }

    public Uri Api { get; }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    public string Output => _output.ToString();

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "controlplane.dll");

    /// <summary>Runs <c>controlplane ARGS</c> to completion: exit code and everything it printed.</summary>
    public static Task<(int ExitCode, string Output)> RunToEndAsync(string workingDirectory, params string[] args) =>
        RunToEndAsync(workingDirectory, new Dictionary<string, string> { ["CONTROLPLANE_API_KEY"] = AdminKey }, args);

    /// <summary>Runs <c>controlplane ARGS</c> to completion with exactly these extra environment variables (none: no key).</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        start.Environment.Remove("CONTROLPLANE_API_KEY");
        start.Environment.Remove("CONTROLPLANE_SERVER");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts <c>controlplane run</c> (with <paramref name="environment"/> added to its environment) and waits for <c>/healthz</c>.</summary>
    public static async Task<SiloProcess> StartAsync(string workingDirectory, string settingsPath, Uri api, TimeSpan? startTimeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(workingDirectory, "run", "--config", settingsPath);
        start.Environment["CONTROLPLANE_BOOTSTRAP_KEY"] = AdminKey;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var silo = new SiloProcess(process, api);
        var timeout = startTimeout ?? TimeSpan.FromSeconds(30);
        if (await HttpReadiness.WaitAsync(process, silo.Http, "/healthz", timeout, silo._output))
        {
            return silo;
        }

        await silo.DisposeAsync();
        throw new TimeoutException($"silo did not answer /healthz within {timeout.TotalSeconds} s:\n{silo.Output}");
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<(int Status, JsonElement Body)> PostJsonAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>SIGTERM, then wait for a clean exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            Signal("TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }

        return _process.ExitCode;
    }

    /// <summary>kill -9: no cleanup at all, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGSTOP: the process freezes (a long GC pause, a hung VM) without dying.</summary>
    public void Pause()
    {
        Signal("STOP");
        IsPaused = true;
    }

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        Signal("CONT");
        IsPaused = false;
    }

    /// <summary>True between <see cref="Pause"/> and <see cref="Resume"/>.</summary>
    public bool IsPaused { get; private set; }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal("CONT");
        }

        await KillAsync();
        Http.Dispose();
        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {_process.Id}");
        kill.WaitForExit();
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}
