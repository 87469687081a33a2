using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Probing.Assertions;
using DnsClient;
using DnsClient.Protocol;

namespace ControlPlane.Probing.Dns;

/// <summary>Runs DNS checks with DnsClient: one query to the endpoint (or the check's server), over UDP with TCP when truncated.</summary>
/// <remarks>
/// No cache, no retries (a lost answer is a failed check, as it would be for a resolver), no
/// fallback to another server. Without conditions the check passes on NOERROR with at least one
/// answer of the asked type. Answers are formatted as their record data: an address, a name,
/// the TXT strings joined, <c>priority weight port target</c> for SRV, the SOA fields.
/// </remarks>
internal sealed class DnsCheckExecutor(TimeProvider timeProvider) : ICheckExecutor
{
    private static readonly IReadOnlyList<Condition> DefaultConditions =
    [
        ConditionParser.Parse("[DNS_RCODE] == NOERROR", ConditionScope.Dns),
        ConditionParser.Parse("len([DNS_ANSWERS]) > 0", ConditionScope.Dns),
    ];

    private readonly ConcurrentDictionary<(IPEndPoint, bool TcpOnly, bool Recursion, TimeSpan Timeout), LookupClient> _clients = new();

    public CheckKind Kind => CheckKind.Dns;

    public async ValueTask<CheckResult> ExecuteAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var dns = target.Check.Dns ?? throw new InvalidOperationException($"check '{target.Check.Id}' has no dns section");
        var server = dns.Server ?? new IPEndPoint(target.Address, target.Port);
        if (dns.Server is not null && !target.AllowLinkLocal && TargetAddressPolicy.IsLinkLocal(server.Address))
        {
            return new CheckResult(ObservationOutcome.Error, $"refused to query link-local address {server.Address} (metadata range)");
        }

        var client = _clients.GetOrAdd((server, dns.TcpOnly, dns.Recursion, target.Check.Timeout), Create);
        var type = Enum.Parse<QueryType>(dns.Type.ToString());
        var endpoint = DetailText.Endpoint(server.Address, server.Port);
        IDnsQueryResponse response;
        try
        {
            response = await client.QueryAsync(dns.Name, type, QueryClass.IN, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or DnsResponseException { Code: DnsResponseCode.ConnectionTimeout }
            && !cancellationToken.IsCancellationRequested)
        {
            // DnsClient's own timeout (the check's) can fire a moment before the engine's deadline, as
            // a cancellation or as its ConnectionTimeout error: either way it is the check's timeout.
            return new CheckResult(ObservationOutcome.Timeout, $"no answer to {dns.Name} {dns.Type} from {endpoint} within {DetailText.Milliseconds(target.Check.Timeout)} ms (check timeout)");
        }
        catch (DnsResponseException e)
        {
            // DnsClient wraps a cancellation; the engine tells the check's deadline from the caller's.
            cancellationToken.ThrowIfCancellationRequested();
            return new CheckResult(ObservationOutcome.Error, $"query {dns.Name} {dns.Type} to {endpoint} failed: {DetailText.Cause(e)}");
        }

        var queried = timeProvider.GetElapsedTime(started);
        var records = response.Answers.Where(r => r.RecordType.ToString() == dns.Type.ToString()).ToList();
        var answers = records.Select(Format).ToList();
        var rcode = RcodeName(response.Header.ResponseCode);
        using var inputs = new ConditionInputs
        {
            DnsRcode = rcode,
            DnsAnswers = answers,
            DnsTtl = records.Count == 0 ? null : TimeSpan.FromSeconds(records.Min(r => r.TimeToLive)),
            ResponseTime = queried,
        };
        var conditions = target.Check.Assertions.Count > 0 ? target.Check.Assertions : DefaultConditions;
        var timings = new PhaseTimings(queried, null, null, null);
        var over = response.Header.ResultTruncated ? " (truncated)" : string.Empty;
        if (ConditionChecks.FirstFailure(conditions, inputs) is { } failure)
        {
            return new CheckResult(failure.Outcome, $"{dns.Name} {dns.Type} from {endpoint}: {failure.Detail}{over}") { Phases = timings };
        }

        return new CheckResult(
            ObservationOutcome.Success,
            string.Create(CultureInfo.InvariantCulture, $"{dns.Name} {dns.Type} from {endpoint}: {rcode}, {answers.Count} answer(s) in {DetailText.Milliseconds(queried)} ms"))
        {
            Phases = timings,
        };
    }

    private static LookupClient Create((IPEndPoint Server, bool TcpOnly, bool Recursion, TimeSpan Timeout) key) =>
        new(new LookupClientOptions(new NameServer(key.Server))
        {
            UseCache = false,
            Retries = 0,
            Timeout = key.Timeout,
            UseTcpFallback = true,
            UseTcpOnly = key.TcpOnly,
            Recursion = key.Recursion,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            UseRandomNameServer = false,
        });

    private static string Format(DnsResourceRecord record) => record switch
    {
        ARecord a => a.Address.ToString(),
        AaaaRecord aaaa => aaaa.Address.ToString(),
        CNameRecord cname => cname.CanonicalName.Value,
        TxtRecord txt => string.Concat(txt.Text),
        SrvRecord srv => string.Create(CultureInfo.InvariantCulture, $"{srv.Priority} {srv.Weight} {srv.Port} {srv.Target.Value}"),
        SoaRecord soa => string.Create(CultureInfo.InvariantCulture, $"{soa.MName.Value} {soa.RName.Value} {soa.Serial} {soa.Refresh} {soa.Retry} {soa.Expire} {soa.Minimum}"),
        _ => record.ToString(),
    };

    private static string RcodeName(DnsHeaderResponseCode code) => code switch
    {
        DnsHeaderResponseCode.NoError => "NOERROR",
        DnsHeaderResponseCode.FormatError => "FORMERR",
        DnsHeaderResponseCode.ServerFailure => "SERVFAIL",
        DnsHeaderResponseCode.NotExistentDomain => "NXDOMAIN",
        DnsHeaderResponseCode.NotImplemented => "NOTIMP",
        DnsHeaderResponseCode.Refused => "REFUSED",
        _ => code.ToString().ToUpperInvariant(),
    };
}
