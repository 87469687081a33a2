using System.Collections.Concurrent;
using ControlPlane.Core.Definitions;
using ControlPlane.Dns.Route53.Credentials;
using ControlPlane.Dns.Route53.Protocol;
using ControlPlane.Dns.Route53.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Dns.Route53;

/// <summary>Creates <c>route53</c> DNS providers and validates their settings.</summary>
/// <remarks>
/// Settings (flat strings): <c>hostedZoneId</c> (required), <c>endpointUrl</c>, <c>requestsPerSecond</c>,
/// <c>profile</c>, <c>failoverRecords</c>, <c>inSyncPollInterval</c>, <c>inSyncTimeout</c>; see
/// <see cref="Route53ProviderOptions"/> for their defaults. Providers created here share one HTTP
/// connection pool; providers that use the same account (same endpoint and profile) share one
/// request budget, and providers of the same zone submit one change at a time.
/// </remarks>
public sealed class Route53DnsProviderFactory : IDnsProviderFactory, IDisposable
{
    public const string TypeName = "route53";

    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly string? _profilesLocation;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, TokenBucket> _accountBudgets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _zoneSubmitLocks = new(StringComparer.Ordinal);

    public Route53DnsProviderFactory(ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(loggerFactory, timeProvider, profilesLocation: null)
    {
    }

    /// <param name="profilesLocation">A shared credentials file to read profiles from instead of the SDK's usual files (tests).</param>
    internal Route53DnsProviderFactory(ILoggerFactory? loggerFactory, TimeProvider? timeProvider, string? profilesLocation)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _profilesLocation = profilesLocation;
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            // Each attempt has its own timeout (Route53ProviderOptions.RequestTimeout).
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string Type => TypeName;

    public IEnumerable<(string Key, string Message)> Validate(IReadOnlyDictionary<string, string> settings) =>
        Route53Settings.Validate(settings);

    public IDnsProvider Create(DnsProviderDefinition definition)
    {
        var options = Route53Settings.Read(definition.Settings);
        return Create(definition.Id, options, new AwsSdkCredentialSource(options.Profile, _profilesLocation));
    }

    /// <summary>Creates a provider from options already read, with the given credentials.</summary>
    internal Route53DnsProvider Create(string id, Route53ProviderOptions options, IAwsCredentialSource credentials)
    {
        var endpoint = options.EndpointUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var budget = _accountBudgets.GetOrAdd($"{endpoint}|{options.Profile}", _ => new TokenBucket(options.RequestsPerSecond, _time));
        budget.LimitTo(options.RequestsPerSecond);
        var zoneLock = _zoneSubmitLocks.GetOrAdd($"{endpoint}|{options.HostedZoneId}", _ => new SemaphoreSlim(1, 1));

        var client = new Route53Client(
            _http,
            options.EndpointUrl,
            credentials,
            budget,
            new RetryPolicy(options.MaxAttempts, options.RetryBaseDelay, options.RetryMaxDelay),
            options.RequestTimeout,
            _time,
            _loggerFactory.CreateLogger<Route53Client>());
        return new Route53DnsProvider(id, options, client, zoneLock, _time, _loggerFactory.CreateLogger<Route53DnsProvider>());
    }

    public void Dispose() => _http.Dispose();
}
