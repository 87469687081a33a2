using ControlPlane.Core.Failover;
using ControlPlane.Dns.Route53.Planning;
using ControlPlane.Dns.Route53.Protocol;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Dns.Route53;

/// <summary>Publishes record sets in one Route 53 hosted zone.</summary>
/// <remarks>
/// <para>An apply reads what Route 53 serves at the name (ListResourceRecordSets, every page), maps the
/// desired set to record sets (<see cref="RecordSetMapper"/>), plans the difference
/// (<see cref="ChangePlanner"/>), splits it into requests within Route 53's limits
/// (<see cref="ChangeBatcher"/>) and submits them in order, one zone's submissions at a time. Because the
/// plan starts from a fresh read, an apply is idempotent, repairs drift made behind our back, and a
/// failed apply can simply be repeated: nothing is lost. If Route 53 refuses a batch (InvalidChangeBatch,
/// typically because the zone changed between read and write, or because a retried request had in fact
/// been applied), the apply re-reads and re-plans once before giving up with every message.</para>
/// <para>Then GetChange is polled every <c>inSyncPollInterval</c> until every submitted change is INSYNC;
/// the moment the last one is seen INSYNC is <see cref="DnsApplyResult.InSyncAt"/>. Past
/// <c>inSyncTimeout</c> the apply returns without it: the change was accepted and Route 53 will finish it.</para>
/// </remarks>
internal sealed partial class Route53DnsProvider : IDnsProvider
{
    private const int MaxCommentLength = 256;

    private readonly Route53ProviderOptions _options;
    private readonly Route53Client _client;
    private readonly SemaphoreSlim _zoneSubmitLock;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public Route53DnsProvider(string id, Route53ProviderOptions options, Route53Client client, SemaphoreSlim zoneSubmitLock, TimeProvider time, ILogger logger)
    {
        Id = id;
        _options = options;
        _client = client;
        _zoneSubmitLock = zoneSubmitLock;
        _time = time;
        _logger = logger;
    }

    public string Id { get; }

    public async Task<DnsApplyResult> ApplyAsync(DesiredRecordSet desired, CancellationToken cancellationToken)
    {
        var name = Route53Name.Qualify(desired.Name);
        IReadOnlyList<ResourceRecordSet> wanted;
        try
        {
            wanted = RecordSetMapper.Map(desired, _options.FailoverRecords);
        }
        catch (ArgumentException e)
        {
            throw new DnsProviderException(Id, $"{name}: {e.Message}", transient: false, e);
        }

        var submitted = new List<ChangeInfo>();
        var applied = new List<Change>();
        var refusedOnce = false;
        try
        {
            for (var pass = 1; ; pass++)
            {
                var current = await ReadRecordSetsAsync(name, cancellationToken);
                var changes = ChangePlanner.Plan(current, wanted);
                if (changes.Count == 0)
                {
                    break;
                }

                var batches = ChangeBatcher.Split(changes, _options.Limits);
                try
                {
                    foreach (var batch in batches)
                    {
                        submitted.Add(await SubmitAsync(batch, Comment(desired), cancellationToken));
                        applied.AddRange(batch);
                    }

                    break;
                }
                catch (Route53RequestException e) when (e.Error is { IsInvalidChangeBatch: true } && pass == 1)
                {
                    refusedOnce = true;
                    LogReplanning(_logger, Id, name, e.Error.ToString());
                }
            }
        }
        catch (Route53RequestException e)
        {
            throw ToProviderException(e);
        }
        catch (ChangeTooLargeException e)
        {
            throw new DnsProviderException(Id, $"{name}: {e.Message}", transient: false, e);
        }

        if (submitted.Count == 0)
        {
            // After a refused batch, a fresh read that needs nothing means the change went through
            // anyway (a retried request had been applied, or someone made the same change): the
            // name did change, but no change id of ours says when.
            return refusedOnce
                ? new DnsApplyResult(true, $"{name} found as desired after Route 53 refused the batch: {string.Join("; ", wanted)}")
                : new DnsApplyResult(false, $"{name} already served as desired: {string.Join("; ", wanted)}");
        }

        LogApplied(_logger, Id, name, applied.Count, submitted.Count, string.Join(",", submitted.Select(s => s.Id)));
        var inSyncAt = await WaitForInSyncAsync(name, submitted, cancellationToken);
        var summary = $"{string.Join("; ", applied)} ({submitted.Count} request{(submitted.Count == 1 ? string.Empty : "s")}"
                      + (inSyncAt is null ? ", INSYNC not confirmed)" : ", INSYNC)");
        return new DnsApplyResult(true, summary, string.Join(",", submitted.Select(s => s.Id)), inSyncAt);
    }

    public async Task<IReadOnlyList<PublishedRecord>> ReadAsync(string name, CancellationToken cancellationToken)
    {
        IReadOnlyList<ResourceRecordSet> sets;
        try
        {
            sets = await ReadRecordSetsAsync(Route53Name.Qualify(name), cancellationToken);
        }
        catch (Route53RequestException e)
        {
            throw ToProviderException(e);
        }

        return sets
            .SelectMany(s => s.AliasTarget is { } alias ? [alias.DnsName] : s.Values, (s, value) => new PublishedRecord(
                Route53Name.Unescape(s.Name),
                s.Type,
                value,
                (int)(s.Ttl ?? 0),
                s.SetIdentifier,
                (int?)s.Weight))
            .ToList();
    }

    /// <summary>The A and AAAA record sets at <paramref name="name"/>, across as many pages as it takes.</summary>
    private async Task<IReadOnlyList<ResourceRecordSet>> ReadRecordSetsAsync(string name, CancellationToken cancellationToken)
    {
        var sets = new List<ResourceRecordSet>();
        string? startName = name, startType = null, startIdentifier = null;
        while (true)
        {
            var page = await _client.ListResourceRecordSetsAsync(_options.HostedZoneId, startName, startType, startIdentifier, _options.ListPageSize, cancellationToken);
            foreach (var set in page.RecordSets)
            {
                // Listing starts at the name and runs on through the zone: stop at the first other name.
                if (!Route53Name.AreSame(set.Name, name))
                {
                    return OnlyAddresses(sets);
                }

                sets.Add(set);
            }

            if (!page.IsTruncated || page.NextRecordName is null || !Route53Name.AreSame(page.NextRecordName, name))
            {
                return OnlyAddresses(sets);
            }

            (startName, startType, startIdentifier) = (page.NextRecordName, page.NextRecordType, page.NextRecordIdentifier);
        }

        static List<ResourceRecordSet> OnlyAddresses(List<ResourceRecordSet> sets) =>
            sets.Where(s => s.Type is "A" or "AAAA").ToList();
    }

    private async Task<ChangeInfo> SubmitAsync(IReadOnlyList<Change> batch, string comment, CancellationToken cancellationToken)
    {
        // One submission per zone at a time from this process: Route 53 answers PriorRequestNotComplete
        // to a change sent while the zone's previous one is still being processed.
        await _zoneSubmitLock.WaitAsync(cancellationToken);
        try
        {
            return await _client.ChangeResourceRecordSetsAsync(_options.HostedZoneId, batch, comment, cancellationToken);
        }
        finally
        {
            _zoneSubmitLock.Release();
        }
    }

    private async Task<DateTimeOffset?> WaitForInSyncAsync(string name, IReadOnlyList<ChangeInfo> submitted, CancellationToken cancellationToken)
    {
        if (_options.InSyncTimeout <= TimeSpan.Zero)
        {
            return null;
        }

        var deadline = _time.GetUtcNow() + _options.InSyncTimeout;
        foreach (var change in submitted)
        {
            var status = change.Status;
            while (status != ChangeStatus.InSync)
            {
                if (_time.GetUtcNow() + _options.InSyncPollInterval > deadline)
                {
                    LogNotInSync(_logger, Id, name, change.Id, _options.InSyncTimeout.TotalSeconds);
                    return null;
                }

                await Task.Delay(_options.InSyncPollInterval, _time, cancellationToken);
                try
                {
                    status = (await _client.GetChangeAsync(change.Id, cancellationToken)).Status;
                }
                catch (Route53RequestException e)
                {
                    // The change was accepted; only its confirmation is missing.
                    LogInSyncUnknown(_logger, Id, name, change.Id, e.Message);
                    return null;
                }
            }
        }

        return _time.GetUtcNow();
    }

    private DnsProviderException ToProviderException(Route53RequestException e) =>
        e.Error is { IsInvalidChangeBatch: true } error
            ? new InvalidChangeBatchException(Id, error.Messages, e)
            : new DnsProviderException(Id, e.Message, e.Transient, e);

    private static string Comment(DesiredRecordSet desired)
    {
        var comment = $"ControlPlane service {desired.ServiceId}: {desired}";
        return comment.Length <= MaxCommentLength ? comment : comment[..(MaxCommentLength - 3)] + "...";
    }
}
