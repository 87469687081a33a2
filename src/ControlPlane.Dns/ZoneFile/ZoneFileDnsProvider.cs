using System.Diagnostics;
using System.Globalization;
using System.Text;
using ControlPlane.Core.Failover;

namespace ControlPlane.Dns.ZoneFile;

/// <summary>Writes the records of every service that names this provider into one BIND-format zone file.</summary>
/// <remarks>
/// The provider keeps the zone's A/AAAA records in memory, seeded from the file it wrote before,
/// so a restarted silo keeps the other services' records. An apply that changes the records
/// renders the whole zone with a higher SOA serial, writes it to a temporary file in the same
/// folder, flushes it and renames it over the old one, so a reader (BIND reloading the zone)
/// never sees half a file. Nothing is written when the records are unchanged. The optional
/// post-change command then pushes the zone (for example <c>rndc reload example.test</c>); if
/// it fails, the apply fails as transient and the next apply runs it again even when the
/// records have not changed since.
/// </remarks>
internal sealed class ZoneFileDnsProvider : IDnsProvider
{
    private readonly ZoneFileSettings _settings;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SortedDictionary<string, List<ZoneRecord>> _records = new(StringComparer.Ordinal);
    private long _serial;
    private bool _commandPending;
    private string? _written;

    public ZoneFileDnsProvider(string id, ZoneFileSettings settings)
    {
        Id = id;
        _settings = settings;
        if (File.Exists(settings.Path))
        {
            _written = File.ReadAllText(settings.Path);
            var parsed = ZoneFileFormat.Parse(_written);
            _serial = parsed.Serial;
            foreach (var record in parsed.Records.Where(r => r.Type is "A" or "AAAA"))
            {
                RecordsAt(record.Name).Add(record);
            }
        }
    }

    public string Id { get; }

    public async Task<DnsApplyResult> ApplyAsync(DesiredRecordSet desired, CancellationToken cancellationToken)
    {
        var name = DnsNames.Normalize(desired.Name);
        if (!DnsNames.IsInZone(name, _settings.Zone))
        {
            throw new DnsProviderException(Id, $"{name} is not inside zone {_settings.Zone}", transient: false);
        }

        var wanted = desired.Targets
            .Select(t => new ZoneRecord(name, desired.Ttl, t.RecordType, t.Address.ToString()))
            .Distinct()
            .OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal)
            .ToList();

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = RecordsAt(name);
            var changed = !current.SequenceEqual(wanted) || await FileChangedBehindOurBackAsync(cancellationToken);
            var summary = Describe(current, wanted);
            if (!changed && !_commandPending)
            {
                return new DnsApplyResult(false, "unchanged");
            }

            if (changed)
            {
                var previous = current.ToList();
                current.Clear();
                current.AddRange(wanted);
                try
                {
                    _serial = NextSerial(_serial);
                    await WriteAtomicallyAsync(cancellationToken);
                }
                catch (IOException e)
                {
                    current.Clear();
                    current.AddRange(previous);
                    throw new DnsProviderException(Id, $"could not write {_settings.Path}: {e.Message}", transient: true, e);
                }

                _commandPending = _settings.PostChangeCommand is not null;
            }

            if (_commandPending)
            {
                await RunPostChangeCommandAsync(cancellationToken);
                _commandPending = false;
            }

            return new DnsApplyResult(changed, changed ? (summary == "unchanged" ? "rewrote a zone file edited behind our back" : summary) : "post-change command re-run", $"serial {_serial.ToString(CultureInfo.InvariantCulture)}", DateTimeOffset.UtcNow);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<PublishedRecord>> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (!File.Exists(_settings.Path))
        {
            return [];
        }

        var normalized = DnsNames.Normalize(name);
        var parsed = ZoneFileFormat.Parse(await File.ReadAllTextAsync(_settings.Path, cancellationToken));
        return parsed.Records
            .Where(r => r.Name == normalized && r.Type is "A" or "AAAA")
            .Select(r => new PublishedRecord(r.Name, r.Type, r.Value, r.Ttl))
            .ToList();
    }

    /// <summary>True when the file no longer holds what this provider last wrote (edited by hand, deleted).</summary>
    private async Task<bool> FileChangedBehindOurBackAsync(CancellationToken cancellationToken) =>
        _written is not null && (!File.Exists(_settings.Path) || await File.ReadAllTextAsync(_settings.Path, cancellationToken) != _written);

    private List<ZoneRecord> RecordsAt(string name)
    {
        if (!_records.TryGetValue(name, out var list))
        {
            list = [];
            _records[name] = list;
        }

        return list;
    }

    /// <summary>Serial = max(previous + 1, Unix seconds): always increases, also across restarts.</summary>
    private static long NextSerial(long previous) =>
        Math.Max(previous + 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds()) % 4_294_967_296L;

    private async Task WriteAtomicallyAsync(CancellationToken cancellationToken)
    {
        var content = ZoneFileFormat.Render(_settings, _serial, _records.Values.SelectMany(r => r));
        var directory = Path.GetDirectoryName(_settings.Path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(_settings.Path)}.{Environment.ProcessId}.tmp");
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _settings.Path, overwrite: true);
        _written = content;
    }

    private async Task RunPostChangeCommandAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_settings.PostChangeCommand!);
        start.Environment["CP_ZONE"] = _settings.Zone;
        start.Environment["CP_ZONE_FILE"] = _settings.Path;
        start.Environment["CP_SERIAL"] = _serial.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new DnsProviderException(Id, "post-change command did not start", transient: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.PostChangeTimeout);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new DnsProviderException(Id, $"post-change command timed out after {_settings.PostChangeTimeout.TotalSeconds:0.#} s", transient: true);
        }

        if (process.ExitCode != 0)
        {
            var error = (await stderr).Trim();
            throw new DnsProviderException(Id, $"post-change command exited with {process.ExitCode}: {error}", transient: true);
        }
    }

    private static string Describe(List<ZoneRecord> before, List<ZoneRecord> after)
    {
        var added = after.Except(before).Select(r => "+" + r.Value);
        var removed = before.Except(after).Select(r => "-" + r.Value);
        var parts = removed.Concat(added).ToList();
        return parts.Count == 0 ? "unchanged" : string.Join(' ', parts);
    }
}
