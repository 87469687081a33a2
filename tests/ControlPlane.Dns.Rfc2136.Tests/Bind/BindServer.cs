using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using ControlPlane.Core.Definitions;
using ControlPlane.Dns.Rfc2136.Tests.Support;
using ControlPlane.Dns.Rfc2136.Transport;
using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136.Tests.Bind;

/// <summary>
/// A real BIND 9 (<c>named -g</c>, from Debian's bind9 package) serving zone <see cref="Zone"/> on
/// <see cref="Address"/>:<see cref="Port"/> from a temporary directory, updatable with TSIG key
/// <see cref="KeyName"/> (hmac-sha256) or <see cref="Sha512KeyName"/> (hmac-sha512). Also knows
/// <see cref="ReadOnlyKeyName"/>, a key that may not update.
/// </summary>
/// <remarks>
/// named only listens on addresses configured on an interface, so the fixture adds
/// <see cref="Address"/>/32 to <c>lo</c> when it is missing (the tests run as root). The process is
/// started and stopped by its PID: SIGTERM, so that named writes its journal, then SIGKILL after 5 s.
/// </remarks>
public sealed class BindServer : IAsyncLifetime
{
    public const string Zone = "cp.test.";
    public const string KeyName = "controlplane-key.";
    public const string ReadOnlyKeyName = "readonly-key.";
    public const string Sha512KeyName = "sha512-key.";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cp-bind-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _named;

    public string Address { get; } = Environment.GetEnvironmentVariable("CONTROLPLANE_TEST_BIND_ADDRESS") ?? "127.0.0.21";

    public int Port { get; } = int.Parse(Environment.GetEnvironmentVariable("CONTROLPLANE_TEST_BIND_PORT") ?? "5300", System.Globalization.CultureInfo.InvariantCulture);

    public string Secret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string ReadOnlySecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Sha512Secret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public string LogPath => Path.Combine(_directory, "named.log");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "named.conf"), NamedConf());
        await File.WriteAllTextAsync(Path.Combine(_directory, "cp.test.zone"), ZoneFile());
        await File.WriteAllTextAsync(Path.Combine(_directory, "nsupdate.key"), $"key \"{KeyName}\" {{ algorithm hmac-sha256; secret \"{Secret}\"; }};\n");
        await EnsureLoopbackAddressAsync();
        await StopLeftoverAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Settings for a provider that updates this server, optionally overridden.</summary>
    public Dictionary<string, string> Settings(string? keyName = null, string? secret = null, string? algorithm = null) => new()
    {
        ["server"] = $"{Address}:{Port}",
        ["zone"] = Zone,
        ["tsigKeyName"] = keyName ?? KeyName,
        ["tsigAlgorithm"] = algorithm ?? "hmac-sha256",
        ["tsigSecret"] = secret ?? Secret,
        ["timeout"] = "1s",
    };

    public IDnsProvider CreateProvider(Dictionary<string, string>? settings = null, TimeProvider? clock = null)
    {
        settings ??= Settings();
        var factory = new Rfc2136DnsProviderFactory(time: clock);
        Assert.Empty(factory.Validate(settings));
        return factory.Create(new DnsProviderDefinition("bind-test", "rfc2136", settings));
    }

    /// <summary>Starts named and waits until it answers for the zone.</summary>
    public async Task StartAsync()
    {
        Assert.Null(_named);
        var start = new ProcessStartInfo(ProcessRunner.FindTool("named"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-g", "-n", "1", "-c", Path.Combine(_directory, "named.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        var probe = new DnsServerClient("probe", new IPEndPoint(IPAddress.Parse(Address), Port), null, TimeSpan.FromMilliseconds(200));
        if (await AnswersAsync(probe))
        {
            throw new InvalidOperationException(
                $"something already answers DNS on {Address}:{Port} (a named left from an earlier run? see ss -lunp); stop it or set CONTROLPLANE_TEST_BIND_ADDRESS/PORT");
        }

        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        try
        {
            _named = Process.Start(start) ?? throw new InvalidOperationException("cannot start named");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            await log.DisposeAsync();
            throw new InvalidOperationException("named is not installed: run scripts/prereqs.d/30-bind.sh", e);
        }

        await File.WriteAllTextAsync(PidFile, _named.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _named.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        _named.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        _named.Exited += (_, _) => log.Dispose();
        _named.EnableRaisingEvents = true;
        _named.BeginOutputReadLine();
        _named.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_named.HasExited)
            {
                var exit = _named.ExitCode;
                _named = null;
                throw new InvalidOperationException($"named exited with {exit}:\n{TailOfLog()}");
            }

            if (await AnswersAsync(probe))
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                await StopAsync();
                throw new InvalidOperationException($"named did not answer for {Zone} on {Address}:{Port} within 15 s:\n{TailOfLog()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops named by its PID: SIGTERM, SIGKILL if it has not exited after 5 s.</summary>
    public async Task StopAsync()
    {
        if (_named is null)
        {
            return;
        }

        var named = _named;
        _named = null;
        if (!named.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", named.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await named.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                named.Kill();
                await named.WaitForExitAsync();
            }
        }

        named.Dispose();
        File.Delete(PidFile);
    }

    /// <summary>What the real <c>dig</c> sees: the addresses at <paramref name="name"/>, sorted.</summary>
    public async Task<IReadOnlyList<string>> DigAsync(string name, string type = "A")
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            ProcessRunner.FindTool("dig"), [$"@{Address}", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), name, type, "+short", "+norecurse", "+time=1", "+tries=1"]);
        Assert.True(exit == 0, $"dig failed ({exit}): {stdout} {stderr}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The zone's SOA serial as dig sees it.</summary>
    public async Task<uint> SerialAsync()
    {
        var soa = Assert.Single(await DigAsync(Zone, "SOA"));
        return uint.Parse(soa.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Changes the zone behind the provider's back with the real <c>nsupdate</c>.</summary>
    public async Task NsupdateAsync(params string[] commands)
    {
        var script = $"server {Address} {Port}\nzone {Zone}\n{string.Join('\n', commands)}\nsend\n";
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(ProcessRunner.FindTool("nsupdate"), ["-k", Path.Combine(_directory, "nsupdate.key")], script);
        Assert.True(exit == 0, $"nsupdate failed ({exit}): {stdout} {stderr}");
    }

    /// <summary>Where the PID of our named is kept, so that a run that died cannot block the next one.</summary>
    private string PidFile => Path.Combine(Path.GetTempPath(), $"controlplane-rfc2136-tests-named-{Address}-{Port}.pid");

    /// <summary>Stops a named that an earlier, crashed test run started (its PID file names it, its command line proves it).</summary>
    private async Task StopLeftoverAsync()
    {
        if (!File.Exists(PidFile) || !int.TryParse(await File.ReadAllTextAsync(PidFile), out var pid))
        {
            return;
        }

        var cmdline = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "cmdline");
        if (File.Exists(cmdline) && (await File.ReadAllTextAsync(cmdline)).Contains("cp-bind-", StringComparison.Ordinal))
        {
            using var leftover = Process.GetProcessById(pid);
            leftover.Kill();
            await leftover.WaitForExitAsync();
        }

        File.Delete(PidFile);
    }

    private static async Task<bool> AnswersAsync(DnsServerClient probe)
    {
        try
        {
            var answer = await probe.ExchangeAsync(DnsMessage.Query(DnsServerClient.NewId(), Zone, DnsType.SOA), CancellationToken.None);
            return answer.Rcode == DnsRcode.NoError && answer.Answers.Count > 0;
        }
        catch (DnsProviderException)
        {
            return false;
        }
    }

    private string TailOfLog() =>
        File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(15)) : "(no log)";

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private async Task EnsureLoopbackAddressAsync()
    {
        if (Address.StartsWith("127.0.0.1", StringComparison.Ordinal) && Address.Length == 9)
        {
            return;
        }

        var (_, shown, _) = await ProcessRunner.RunAsync(ProcessRunner.FindTool("ip"), ["-4", "addr", "show", "dev", "lo"]);
        if (shown.Contains($" {Address}/", StringComparison.Ordinal))
        {
            return;
        }

        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(ProcessRunner.FindTool("ip"), ["addr", "add", $"{Address}/32", "dev", "lo"]);
        if (exit != 0 && !stderr.Contains("File exists", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"cannot add {Address}/32 to lo for named ({stdout} {stderr}); run as root or set CONTROLPLANE_TEST_BIND_ADDRESS=127.0.0.1");
        }
    }

    private string NamedConf() => $$"""
        key "{{KeyName}}" {
          algorithm hmac-sha256;
          secret "{{Secret}}";
        };
        key "{{ReadOnlyKeyName}}" {
          algorithm hmac-sha256;
          secret "{{ReadOnlySecret}}";
        };
        key "{{Sha512KeyName}}" {
          algorithm hmac-sha512;
          secret "{{Sha512Secret}}";
        };
        options {
          directory "{{_directory}}";
          pid-file "{{_directory}}/named.pid";
          session-keyfile "{{_directory}}/session.key";
          managed-keys-directory "{{_directory}}";
          listen-on port {{Port}} { {{Address}}; };
          listen-on-v6 { none; };
          recursion no;
          dnssec-validation no;
          notify no;
          allow-transfer { none; };
        };
        controls { };
        zone "{{Zone}}" {
          type primary;
          file "{{_directory}}/cp.test.zone";
          allow-update { key "{{KeyName}}"; key "{{Sha512KeyName}}"; };
        };
        """;

    private string ZoneFile() => $"""
        $TTL 300
        @ IN SOA ns1.{Zone} hostmaster.{Zone} 1 3600 600 86400 60
        @ IN NS ns1.{Zone}
        ns1 IN A {Address}
        """ + "\n";
}
