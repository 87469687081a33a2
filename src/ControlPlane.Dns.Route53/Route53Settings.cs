using System.Globalization;
using System.Text.RegularExpressions;
using ControlPlane.Dns.Route53.Protocol;

namespace ControlPlane.Dns.Route53;

/// <summary>The <c>route53</c> provider's settings: their names, their validation and their reading.</summary>
/// <remarks>
/// <see cref="Validate"/> reports every problem at once, each naming its key, and never throws;
/// <see cref="Read"/> is called only after validation passed.
/// </remarks>
internal static partial class Route53Settings
{
    public const string HostedZoneId = "hostedZoneId";
    public const string EndpointUrl = "endpointUrl";
    public const string RequestsPerSecond = "requestsPerSecond";
    public const string Profile = "profile";
    public const string FailoverRecords = "failoverRecords";
    public const string InSyncPollInterval = "inSyncPollInterval";
    public const string InSyncTimeout = "inSyncTimeout";

    public const double MaxRequestsPerSecond = 1000;

    public static IReadOnlyList<string> Known { get; } =
        [HostedZoneId, EndpointUrl, RequestsPerSecond, Profile, FailoverRecords, InSyncPollInterval, InSyncTimeout];

    public static IEnumerable<(string Key, string Message)> Validate(IReadOnlyDictionary<string, string> settings)
    {
        var problems = new List<(string, string)>();
        if (settings is null)
        {
            problems.Add((HostedZoneId, "required: the hosted zone id, for example Z0123456789ABCDEFGHIJ"));
            return problems;
        }

        foreach (var key in settings.Keys.Where(k => !Known.Contains(k, StringComparer.Ordinal)).OrderBy(k => k, StringComparer.Ordinal))
        {
            var near = Known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            problems.Add((key, near is not null
                ? $"unknown setting; did you mean '{near}'?"
                : $"unknown setting; known settings are {string.Join(", ", Known)}"));
        }

        var zone = Get(settings, HostedZoneId);
        if (string.IsNullOrWhiteSpace(zone))
        {
            problems.Add((HostedZoneId, "required: the hosted zone id, for example Z0123456789ABCDEFGHIJ"));
        }
        else if (!ZoneIdPattern().IsMatch(Route53Ids.HostedZone(zone)))
        {
            problems.Add((HostedZoneId, $"'{zone}' is not a hosted zone id (letters and digits, optionally prefixed by /hostedzone/)"));
        }

        if (Get(settings, EndpointUrl) is { } url && !TryEndpoint(url, out _))
        {
            problems.Add((EndpointUrl, $"'{url}' is not an absolute http or https URL without query"));
        }

        if (Get(settings, RequestsPerSecond) is { } rate && !TryRate(rate, out _))
        {
            problems.Add((RequestsPerSecond, $"'{rate}' is not a number of requests per second greater than 0 and at most {MaxRequestsPerSecond}"));
        }

        if (Get(settings, Profile) is { } profile && (profile.Length == 0 || profile.Any(char.IsWhiteSpace)))
        {
            problems.Add((Profile, "must be a profile name without spaces"));
        }

        if (Get(settings, FailoverRecords) is { } failover && !bool.TryParse(failover, out _))
        {
            problems.Add((FailoverRecords, $"'{failover}' is not true or false"));
        }

        if (Get(settings, InSyncPollInterval) is { } poll && (!DurationSetting.TryParse(poll, out var pollValue) || pollValue <= TimeSpan.Zero))
        {
            problems.Add((InSyncPollInterval, $"'{poll}' is not a positive duration such as 2s or 500ms"));
        }

        if (Get(settings, InSyncTimeout) is { } timeout && !DurationSetting.TryParse(timeout, out _))
        {
            problems.Add((InSyncTimeout, $"'{timeout}' is not a duration such as 120s or 2m (0 does not wait for INSYNC)"));
        }

        return problems;
    }

    /// <exception cref="ArgumentException">The settings did not pass <see cref="Validate"/>.</exception>
    public static Route53ProviderOptions Read(IReadOnlyDictionary<string, string> settings)
    {
        var problems = Validate(settings).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid route53 settings: " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Message}")));
        }

        var options = new Route53ProviderOptions { HostedZoneId = Route53Ids.HostedZone(settings[HostedZoneId]) };
        if (Get(settings, EndpointUrl) is { } url && TryEndpoint(url, out var endpoint))
        {
            options = options with { EndpointUrl = endpoint };
        }

        if (Get(settings, RequestsPerSecond) is { } rate && TryRate(rate, out var perSecond))
        {
            options = options with { RequestsPerSecond = perSecond };
        }

        if (Get(settings, Profile) is { } profile)
        {
            options = options with { Profile = profile };
        }

        if (Get(settings, FailoverRecords) is { } failover)
        {
            options = options with { FailoverRecords = bool.Parse(failover) };
        }

        if (Get(settings, InSyncPollInterval) is { } poll && DurationSetting.TryParse(poll, out var pollValue))
        {
            options = options with { InSyncPollInterval = pollValue };
        }

        if (Get(settings, InSyncTimeout) is { } timeout && DurationSetting.TryParse(timeout, out var timeoutValue))
        {
            options = options with { InSyncTimeout = timeoutValue };
        }

        return options;
    }

    private static string? Get(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) ? value?.Trim() : null;

    private static bool TryEndpoint(string text, out Uri endpoint) =>
        Uri.TryCreate(text, UriKind.Absolute, out endpoint!)
        && endpoint.Scheme is "http" or "https"
        && string.IsNullOrEmpty(endpoint.Query)
        && string.IsNullOrEmpty(endpoint.Fragment);

    private static bool TryRate(string text, out double rate) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate)
        && rate > 0
        && rate <= MaxRequestsPerSecond;

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneIdPattern();
}
