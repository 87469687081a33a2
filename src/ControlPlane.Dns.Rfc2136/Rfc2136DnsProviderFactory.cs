using ControlPlane.Core.Definitions;
using ControlPlane.Dns.Rfc2136.Transport;
using ControlPlane.Dns.Rfc2136.Tsig;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Dns.Rfc2136;

/// <summary>
/// Creates <c>rfc2136</c> providers: TSIG-signed dynamic updates (RFC 2136, RFC 8945) to a zone's
/// primary server (BIND, Knot, PowerDNS, Infoblox). Settings are described on <c>Rfc2136Settings</c>
/// and in docs/rfc2136.md.
/// </summary>
public sealed class Rfc2136DnsProviderFactory : IDnsProviderFactory
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;

    /// <param name="loggerFactory">For the providers' logs; none by default.</param>
    /// <param name="time">Signs TSIG and checks response times; the system clock by default.</param>
    public Rfc2136DnsProviderFactory(ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _time = time ?? TimeProvider.System;
    }

    public string Type => "rfc2136";

    public IEnumerable<(string Key, string Message)> Validate(IReadOnlyDictionary<string, string> settings)
    {
        var problems = new List<(string Key, string Message)>();
        if (settings is null)
        {
            problems.Add(("settings", "missing"));
            return problems;
        }

        try
        {
            Rfc2136Settings.Parse(settings, problems);
        }
        catch (Exception e)
        {
            // Validate never throws: an unexpected failure is one more problem to report.
            problems.Add(("settings", $"could not be validated: {e.GetType().Name}"));
        }

        return problems;
    }

    public IDnsProvider Create(DnsProviderDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<(string Key, string Message)>();
        var settings = Rfc2136Settings.Parse(definition.Settings, problems)
                       ?? throw new ArgumentException(
                           $"DNS provider '{definition.Id}' has invalid settings: {string.Join("; ", problems.Select(p => $"{p.Key}: {p.Message}"))}",
                           nameof(definition));
        var signer = new TsigSigner(settings.Key, _time);
        var client = new DnsServerClient(definition.Id, settings.Server, signer, settings.Timeout);
        return new Rfc2136DnsProvider(definition.Id, settings, client, _time, _loggerFactory.CreateLogger<Rfc2136DnsProvider>());
    }
}
