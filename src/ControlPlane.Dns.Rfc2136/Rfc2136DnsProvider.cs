using System.Collections.Concurrent;
using System.Globalization;
using ControlPlane.Core.Failover;
using ControlPlane.Dns.Rfc2136.Transport;
using ControlPlane.Dns.Rfc2136.Wire;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Dns.Rfc2136;

/// <summary>Publishes record sets to a zone's primary server with TSIG-signed RFC 2136 dynamic updates.</summary>
/// <remarks>
/// The provider remembers, per name, the state it last wrote or read (its belief). An apply sends
/// one UPDATE whose prerequisites pin that belief (see <see cref="UpdateMessageFactory"/>) and
/// whose update section replaces the A and AAAA rrsets that differ. Without a belief (first
/// apply, or after a failure) it reads the name first with two queries.
/// When a prerequisite fails (NXRRSET, YXRRSET), somebody changed the records behind our back:
/// the provider reads the actual state, retries once with prerequisites pinning that, and names
/// the drift in the result's summary. A second failure means the name is changing under us and
/// is reported as transient.
/// When the belief already equals the desired state, the UPDATE carries prerequisites only: the
/// server confirms nothing drifted without changing anything, so a repeated apply is idempotent
/// and still repairs drift. Every change also replaces a fence (a TXT record beside the name, see
/// <see cref="UpdateMessageFactory"/>) that every update pins, and so does the first update after a
/// failure: an update of ours that timed out but reaches the server later can then never undo a
/// newer one. TTL-only drift is not seen by prerequisites (RFC 2136 compares
/// records, not TTLs); <see cref="ReadAsync"/> sees it and the next apply repairs it.
/// </remarks>
internal sealed partial class Rfc2136DnsProvider : IDnsProvider
{
    private readonly Rfc2136Settings _settings;
    private readonly DnsServerClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Belief> _beliefs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unsettled = new(StringComparer.Ordinal);

    public Rfc2136DnsProvider(string id, Rfc2136Settings settings, DnsServerClient client, TimeProvider time, ILogger logger)
    {
        Id = id;
        _settings = settings;
        _client = client;
        _time = time;
        _logger = logger;
    }

    public string Id { get; }

    public async Task<DnsApplyResult> ApplyAsync(DesiredRecordSet desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (desired.Targets.Count == 0)
        {
            throw new ArgumentException("a record set without targets is never published", nameof(desired));
        }

        var name = CheckInZone(desired.Name);
        var wanted = NameState.From(desired) with { Name = name };
        try
        {
            return await ApplyAsync(wanted, cancellationToken);
        }
        catch
        {
            // After a failure we no longer know what the server holds, nor whether our update is
            // still on its way to it: read the name before the next update, and have that update
            // replace the fence even if the records are already right.
            _beliefs.TryRemove(name, out _);
            _unsettled[name] = true;
            throw;
        }
    }

    public async Task<IReadOnlyList<PublishedRecord>> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var belief = await ReadStateAsync(CheckInZone(name), cancellationToken);
        _beliefs[belief.State.Name] = belief;
        return belief.State.ToPublishedRecords();
    }

    private async Task<DnsApplyResult> ApplyAsync(NameState wanted, CancellationToken cancellationToken)
    {
        var freshlyRead = !_beliefs.TryGetValue(wanted.Name, out var belief);
        belief ??= await ReadStateAsync(wanted.Name, cancellationToken);
        var unsettled = _unsettled.ContainsKey(wanted.Name);
        string? drift = null;
        for (var attempt = 1; ; attempt++)
        {
            var expected = belief.State;
            if (freshlyRead && expected.Equals(wanted) && !unsettled)
            {
                _beliefs[wanted.Name] = belief;
                return Unchanged(wanted, drift);
            }

            // A new fence whenever records change, and after a failure: an update of ours still in
            // flight then pins a fence that is gone.
            var nextFence = !expected.Equals(wanted) || unsettled ? NewFence() : null;
            var update = UpdateMessageFactory.Create(DnsServerClient.NewId(), _settings.Zone, expected, belief.Fence, wanted, nextFence);
            var response = await _client.ExchangeAsync(update, cancellationToken);
            var rcode = response.EffectiveRcode;
            if (rcode == DnsRcode.NoError)
            {
                _beliefs[wanted.Name] = new Belief(wanted, nextFence ?? belief.Fence);
                _unsettled.TryRemove(wanted.Name, out _);
                return expected.Equals(wanted) ? Unchanged(wanted, drift) : await ChangedAsync(expected, wanted, drift);
            }

            if (!rcode.IsPrerequisiteFailure())
            {
                throw Refused(wanted.Name, response);
            }

            if (attempt == 2)
            {
                throw new DnsProviderException(
                    Id, $"the records at {wanted.Name} changed again while we repaired drift ({drift}); prerequisites failed twice ({rcode.ToMnemonic()})", transient: true);
            }

            var actual = await ReadStateAsync(wanted.Name, cancellationToken);
            if (!actual.State.Equals(expected))
            {
                drift = $"drift at {wanted.Name}: expected {Describe(expected)}, server had {Describe(actual.State)} ({rcode.ToMnemonic()})";
                LogDrift(_logger, Id, wanted.Name, Describe(expected), Describe(actual.State), rcode.ToMnemonic());
            }

            belief = actual;
            freshlyRead = true;
        }
    }

    /// <summary>A fence value nobody else writes: 128 random bits.</summary>
    private static string NewFence() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private DnsApplyResult Unchanged(NameState wanted, string? drift)
    {
        LogUnchanged(_logger, Id, wanted.Name);
        var summary = $"{wanted.Name} already serves {Describe(wanted)}";
        return new DnsApplyResult(false, drift is null ? summary : $"{summary}; {drift}");
    }

    private async Task<DnsApplyResult> ChangedAsync(NameState before, NameState after, string? drift)
    {
        var changes = before.DescribeChangesTo(after);

        // The change is made: a cancellation now must not make it look as if it were not.
        var serial = await TryReadSerialAsync(CancellationToken.None);
        LogApplied(_logger, Id, after.Name, changes, serial);
        var summary = $"{after.Name}: {changes}";
        return new DnsApplyResult(
            true,
            drift is null ? summary : $"{summary}; repaired {drift}",
            serial?.ToString(CultureInfo.InvariantCulture),
            _time.GetUtcNow());
    }

    /// <summary>Queries A and AAAA at <paramref name="name"/>, and its fence; NXDOMAIN and NODATA read as absent rrsets.</summary>
    private async Task<Belief> ReadStateAsync(string name, CancellationToken cancellationToken)
    {
        var a = QueryRrsetAsync(name, DnsType.A, cancellationToken);
        var aaaa = QueryRrsetAsync(name, DnsType.AAAA, cancellationToken);
        var fence = QueryFenceAsync(name, cancellationToken);
        return new Belief(new NameState(name, await a, await aaaa), await fence);
    }

    /// <summary>The fence at <paramref name="name"/>, or null when there is none (never written, or by a version without fences).</summary>
    private async Task<string?> QueryFenceAsync(string name, CancellationToken cancellationToken)
    {
        var fenceName = UpdateMessageFactory.FenceName(name);
        var response = await _client.ExchangeAsync(DnsMessage.Query(DnsServerClient.NewId(), fenceName, DnsType.TXT), cancellationToken);
        if (response.EffectiveRcode is not (DnsRcode.NoError or DnsRcode.NXDomain))
        {
            throw Refused(fenceName, response, "query for TXT");
        }

        var fences = response.Answers.Where(r => r.Type == DnsType.TXT && DnsName.Equal(r.Name, fenceName)).Select(r => r.Data).OfType<TxtData>().ToList();
        return fences.Count == 1 && fences[0].Strings.Count == 1 ? fences[0].Strings[0] : null;
    }

    private async Task<RrsetState> QueryRrsetAsync(string name, DnsType type, CancellationToken cancellationToken)
    {
        var response = await _client.ExchangeAsync(DnsMessage.Query(DnsServerClient.NewId(), name, type), cancellationToken);
        if (response.EffectiveRcode is not (DnsRcode.NoError or DnsRcode.NXDomain))
        {
            throw Refused(name, response, $"query for {type}");
        }

        if (response.Answers.FirstOrDefault(r => r.Type == DnsType.CNAME && DnsName.Equal(r.Name, name)) is { } alias)
        {
            throw new DnsProviderException(Id, $"{name} is an alias ({alias.Data}); a name with a CNAME cannot hold A or AAAA records", transient: false);
        }

        var records = response.Answers
            .Where(r => r.Type == type && r.Class == DnsClass.IN && DnsName.Equal(r.Name, name) && r.Data is AddressData)
            .ToList();
        var ttl = records.Count == 0 ? 0 : records.Min(r => r.Ttl);
        return new RrsetState(type, records.Select(r => ((AddressData)r.Data).Address), ttl);
    }

    /// <summary>The zone's serial after a change, for the result's change id; null when it cannot be read.</summary>
    private async Task<uint?> TryReadSerialAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.ExchangeAsync(DnsMessage.Query(DnsServerClient.NewId(), _settings.Zone, DnsType.SOA), cancellationToken);
            return response.Answers.Select(r => r.Data).OfType<SoaData>().FirstOrDefault()?.Serial;
        }
        catch (DnsProviderException)
        {
            return null;
        }
    }

    private DnsProviderException Refused(string name, DnsMessage response, string operation = "update")
    {
        var rcode = response.EffectiveRcode;
        var text = rcode == response.Rcode ? rcode.ToMnemonic() : $"{response.Rcode.ToMnemonic()} ({rcode.ToMnemonic()})";
        var transient = rcode == DnsRcode.ServFail;
        LogRefused(_logger, Id, operation, name, text);
        return new DnsProviderException(Id, $"{_client.Server} answered the {operation} of {name} in zone {_settings.Zone} with {text}{Hint(rcode)}", transient);
    }

    private static string Hint(DnsRcode rcode) => rcode switch
    {
        DnsRcode.BadKey => ": the server does not know our TSIG key name or algorithm",
        DnsRcode.BadSig => ": the TSIG secret does not match the server's",
        DnsRcode.BadTime => ": our clock and the server's differ by more than the fudge",
        DnsRcode.NotAuth => ": the server is not authoritative for the zone or does not allow our key to update it",
        DnsRcode.Refused => ": the server's policy refuses it (allow-update / update-policy)",
        DnsRcode.NotZone => ": the name is not in the zone",
        _ => string.Empty,
    };

    private string CheckInZone(string name)
    {
        if (DnsName.Problem(DnsName.Normalize(name)) is { } problem)
        {
            throw new ArgumentException($"record name {problem}", nameof(name));
        }

        var normalized = DnsName.Normalize(name);
        return DnsName.IsAtOrBelow(normalized, _settings.Zone)
            ? normalized
            : throw new DnsProviderException(Id, $"{normalized} is not in zone {_settings.Zone}", transient: false);
    }

    private static string Describe(NameState state) => $"{state.A}, {state.Aaaa}";

    /// <summary>What we believe the server holds at a name: its records and its fence (null: none).</summary>
    private sealed record Belief(NameState State, string? Fence);
}
