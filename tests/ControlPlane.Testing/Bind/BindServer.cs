using System.Diagnostics;
using System.Globalization;

namespace ControlPlane.Testing.Bind;

/// <summary>
/// A real BIND 9 (<c>named -g</c>, from Debian's bind9 package) serving one zone on
/// <see cref="Address"/>:<see cref="Port"/> from its own temporary directory, updatable with TSIG key
/// <see cref="UpdateKey"/> and any other key given with <see cref="TsigKey.MayUpdate"/>.
/// </summary>
/// <remarks>
/// Several servers can run side by side, one per address and port (each test collection takes its
/// own loopback address). named only listens on addresses configured on an interface, so
/// <see cref="StartAsync"/> adds <see cref="Address"/>/32 to <c>lo</c> when it is missing (the tests
/// run as root). The process is started and stopped by its PID: SIGTERM, so that named writes its
/// journal and a restart serves the zone as it was, then SIGKILL after 5 s. A PID file per address
/// and port lets the next run stop a named that a crashed run left behind.
/// </remarks>
public sealed class BindServer : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cp-bind-" + Guid.NewGuid().ToString("N")[..8]);
    private IReadOnlyList<string> _records;
    private bool _prepared;
    private Process? _named;

    /// <param name="address">An IPv4 address; anything in 127.0.0.0/8 but 127.0.0.1 is added to <c>lo</c> when missing.</param>
    /// <param name="zone">The zone, fully qualified (<c>example.test.</c>).</param>
    /// <param name="updateKey">The key that may update the zone; <see cref="NsupdateAsync"/> signs with it.</param>
    /// <param name="otherKeys">More keys named.conf declares; those with <see cref="TsigKey.MayUpdate"/> may update too.</param>
    /// <param name="records">Zone file lines served from the start besides SOA and NS, for example <c>web 30 IN A 192.0.2.1</c>.</param>
    public BindServer(string address, int port, string zone, TsigKey updateKey, IEnumerable<TsigKey>? otherKeys = null, IEnumerable<string>? records = null)
    {
        if (!zone.EndsWith('.'))
        {
            throw new ArgumentException($"zone '{zone}' must be fully qualified (end with a dot)", nameof(zone));
        }

        Address = address;
        Port = port;
        Zone = zone;
        UpdateKey = updateKey with { MayUpdate = true };
        Keys = [UpdateKey, .. otherKeys ?? []];
        _records = records?.ToList() ?? [];
    }

    public string Address { get; }

    public int Port { get; }

    public string Zone { get; }

    public TsigKey UpdateKey { get; }

    /// <summary>Every key named.conf declares, <see cref="UpdateKey"/> first.</summary>
    public IReadOnlyList<TsigKey> Keys { get; }

    /// <summary><c>address:port</c>, as the rfc2136 provider's <c>server</c> setting takes it.</summary>
    public string Server => $"{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>named's own output (<c>-g</c> logs to stderr), appended across restarts.</summary>
    public string LogPath => Path.Combine(_directory, "named.log");

    public bool IsRunning => _named is { HasExited: false };

    /// <summary>The PID of the running named, for signals (SIGSTOP makes a slow server); null when stopped.</summary>
    public int? ProcessId => _named is { HasExited: false } named ? named.Id : null;

    private string ZonePath => Path.Combine(_directory, "zone.db");

    private string NsupdateKeyPath => Path.Combine(_directory, "nsupdate.key");

    /// <summary>Where the PID of our named is kept, so that a run that died cannot block the next one.</summary>
    private string PidFile => Path.Combine(Path.GetTempPath(), $"controlplane-tests-named-{Address}-{Port.ToString(CultureInfo.InvariantCulture)}.pid");

    /// <summary>Settings of an rfc2136 provider that updates this server with <paramref name="key"/> (default <see cref="UpdateKey"/>).</summary>
    public Dictionary<string, string> ProviderSettings(TsigKey? key = null)
    {
        key ??= UpdateKey;
        return new()
        {
            ["server"] = Server,
            ["zone"] = Zone,
            ["tsigKeyName"] = key.Name,
            ["tsigAlgorithm"] = key.Algorithm,
            ["tsigSecret"] = key.Secret,
        };
    }

    /// <summary>
    /// Starts named and waits until it answers for the zone. The first start writes named.conf and
    /// the zone file; a start after <see cref="StopAsync"/> serves the zone as named left it.
    /// </summary>
    public async Task StartAsync()
    {
        if (_named is not null)
        {
            throw new InvalidOperationException($"named for {Zone} on {Server} is already running");
        }

        if (!_prepared)
        {
            Directory.CreateDirectory(_directory);
            await File.WriteAllTextAsync(Path.Combine(_directory, "named.conf"), NamedConf());
            await File.WriteAllTextAsync(ZonePath, ZoneFile());
            await File.WriteAllTextAsync(NsupdateKeyPath, UpdateKey.KeyStatement());
            await EnsureLoopbackAddressAsync();
            await StopLeftoverAsync();
            _prepared = true;
        }

        if (await AnswersAsync())
        {
            throw new InvalidOperationException(
                $"something already answers DNS for {Zone} on {Server} (a named left from an earlier run? see ss -lunp); stop it or use another address");
        }

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

        await File.WriteAllTextAsync(PidFile, _named.Id.ToString(CultureInfo.InvariantCulture));
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
                _named.Dispose();
                _named = null;
                throw new InvalidOperationException($"named exited with {exit}:\n{TailOfLog()}");
            }

            if (await AnswersAsync())
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                await StopAsync();
                throw new InvalidOperationException($"named did not answer for {Zone} on {Server} within 15 s:\n{TailOfLog()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops named by its PID: SIGTERM, SIGKILL if it has not exited after 5 s. Nothing happens when it is not running.</summary>
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
            await ProcessRunner.RunAsync("kill", ["-TERM", named.Id.ToString(CultureInfo.InvariantCulture)]);
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

    /// <summary>
    /// Restarts named with a fresh zone: SOA, NS and <paramref name="records"/>, serial 1, no journal.
    /// Lets the tests of one collection share a server and still each start from a known zone.
    /// </summary>
    public async Task ResetZoneAsync(params string[] records)
    {
        await StopAsync();
        _records = records;
        if (_prepared)
        {
            File.Delete(ZonePath + ".jnl");
            await File.WriteAllTextAsync(ZonePath, ZoneFile());
        }

        await StartAsync();
    }

    /// <summary>What the real <c>dig</c> sees: the records of <paramref name="type"/> at <paramref name="name"/>, sorted.</summary>
    /// <exception cref="InvalidOperationException">dig failed, for example because named does not answer.</exception>
    public async Task<IReadOnlyList<string>> DigAsync(string name, string type = "A")
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(ProcessRunner.FindTool("dig"), DigArguments(name, type));
        if (exit != 0)
        {
            throw new InvalidOperationException($"dig @{Address} -p {Port} {name} {type} failed ({exit}): {stdout} {stderr}");
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The response code dig got (NOERROR, SERVFAIL, ...) and the addresses in its answer; null
    /// when no answer came (named stopped, frozen, or too slow for dig's 1 s).
    /// </summary>
    public async Task<(string Status, IReadOnlyList<string> Answers)?> DigAnswerAsync(string name, string type = "A")
    {
        string[] arguments = [$"@{Address}", "-p", Port.ToString(CultureInfo.InvariantCulture), name, type, "+norecurse", "+time=1", "+tries=1", "+noall", "+comments", "+answer"];
        var (exit, stdout, _) = await ProcessRunner.RunAsync(ProcessRunner.FindTool("dig"), arguments);
        var status = System.Text.RegularExpressions.Regex.Match(stdout, @"status: ([A-Z]+)");
        if (exit != 0 || !status.Success)
        {
            return null;
        }

        var answers = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith(';'))
            .Select(line => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 5 && fields[3] == type)
            .Select(fields => fields[^1])
            .Order(StringComparer.Ordinal)
            .ToList();
        return (status.Groups[1].Value, answers);
    }

    /// <summary>The zone's SOA serial as dig sees it.</summary>
    public async Task<uint> SerialAsync()
    {
        var soa = await DigAsync(Zone, "SOA");
        if (soa.Count != 1)
        {
            throw new InvalidOperationException($"expected one SOA for {Zone}, dig showed {soa.Count}: {string.Join(" | ", soa)}");
        }

        return uint.Parse(soa[0].Split(' ')[2], CultureInfo.InvariantCulture);
    }

    /// <summary>Changes the zone behind the control plane's back with the real <c>nsupdate</c>, signed with <see cref="UpdateKey"/>.</summary>
    /// <param name="commands">nsupdate commands, for example <c>update delete web.example.test. A</c>; <c>send</c> is added.</param>
    /// <exception cref="InvalidOperationException">nsupdate failed or the server refused the update.</exception>
    public async Task NsupdateAsync(params string[] commands)
    {
        var script = $"server {Address} {Port.ToString(CultureInfo.InvariantCulture)}\nzone {Zone}\n{string.Join('\n', commands)}\nsend\n";
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(ProcessRunner.FindTool("nsupdate"), ["-k", NsupdateKeyPath], script);
        if (exit != 0)
        {
            throw new InvalidOperationException($"nsupdate failed ({exit}): {stdout} {stderr}");
        }
    }

    /// <summary>Stops named and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public override string ToString() => $"named for {Zone} on {Server}";

    private string[] DigArguments(string name, string type) =>
        [$"@{Address}", "-p", Port.ToString(CultureInfo.InvariantCulture), name, type, "+short", "+norecurse", "+time=1", "+tries=1"];

    /// <summary>Whether a server on our address and port answers the zone's SOA.</summary>
    private async Task<bool> AnswersAsync()
    {
        var (exit, stdout, _) = await ProcessRunner.RunAsync(ProcessRunner.FindTool("dig"), DigArguments(Zone, "SOA"));
        return exit == 0 && stdout.Trim().Length > 0;
    }

    /// <summary>Stops a named that an earlier, crashed test run started (its PID file names it, its command line proves it).</summary>
    private async Task StopLeftoverAsync()
    {
        if (!File.Exists(PidFile) || !int.TryParse(await File.ReadAllTextAsync(PidFile), out var pid))
        {
            return;
        }

        var cmdline = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "cmdline");
        if (File.Exists(cmdline) && (await File.ReadAllTextAsync(cmdline)).Contains("cp-bind-", StringComparison.Ordinal))
        {
            using var leftover = Process.GetProcessById(pid);
            leftover.Kill();
            await leftover.WaitForExitAsync();
        }

        File.Delete(PidFile);
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
        if (Address == "127.0.0.1")
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
                $"cannot add {Address}/32 to lo for named ({stdout} {stderr}); run as root or serve on 127.0.0.1");
        }
    }

    private string NamedConf()
    {
        var keys = string.Concat(Keys.Select(k => k.KeyStatement()));
        var updaters = string.Concat(Keys.Where(k => k.MayUpdate).Select(k => $"key \"{k.Name}\"; "));
        return $$"""
            {{keys}}
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
              file "{{ZonePath}}";
              allow-update { {{updaters}}};
            };
            """;
    }

    private string ZoneFile() =>
        string.Join('\n', [
            "$TTL 300",
            $"@ IN SOA ns1.{Zone} hostmaster.{Zone} 1 3600 600 86400 60",
            $"@ IN NS ns1.{Zone}",
            $"ns1 IN A {Address}",
            .. _records,
        ]) + "\n";
}
