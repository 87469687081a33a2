using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ControlPlane.Dns.Rfc2136.Tsig;
using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136;

/// <summary>
/// The settings of an <c>rfc2136</c> provider, parsed from its flat string settings.
/// <c>server</c>: IP or IP:port of the primary, port 53 by default. <c>zone</c>: the zone the
/// records live in, fully qualified, required. <c>tsigKeyName</c>: required. <c>tsigAlgorithm</c>:
/// <c>hmac-sha256</c> (default) or <c>hmac-sha512</c>. <c>tsigSecret</c> (base64) or
/// <c>tsigSecretFile</c> (a file holding the base64 secret, or a BIND key file): exactly one.
/// <c>timeout</c>: per request, default 2 s.
/// </summary>
internal sealed partial record Rfc2136Settings(IPEndPoint Server, string Zone, TsigKey Key, TimeSpan Timeout)
{
    public const string ServerKey = "server";
    public const string ZoneKey = "zone";
    public const string TsigKeyNameKey = "tsigKeyName";
    public const string TsigAlgorithmKey = "tsigAlgorithm";
    public const string TsigSecretKey = "tsigSecret";
    public const string TsigSecretFileKey = "tsigSecretFile";
    public const string TimeoutKey = "timeout";

    public const int DefaultPort = 53;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] KnownKeys =
        [ServerKey, ZoneKey, TsigKeyNameKey, TsigAlgorithmKey, TsigSecretKey, TsigSecretFileKey, TimeoutKey];

    /// <summary>Parses <paramref name="settings"/>; every problem goes to <paramref name="problems"/> and the result is then null.</summary>
    public static Rfc2136Settings? Parse(IReadOnlyDictionary<string, string> settings, List<(string Key, string Message)> problems)
    {
        var before = problems.Count;
        foreach (var unknown in settings.Keys.Where(k => !KnownKeys.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            problems.Add((unknown, $"unknown setting (known: {string.Join(", ", KnownKeys)})"));
        }

        var server = ParseServer(Get(settings, ServerKey), problems);
        var zone = ParseZone(Get(settings, ZoneKey), problems);
        var key = ParseKey(settings, problems);
        var timeout = ParseTimeout(Get(settings, TimeoutKey), problems);
        return problems.Count == before ? new Rfc2136Settings(server!, zone!, key!, timeout) : null;
    }

    private static string? Get(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static IPEndPoint? ParseServer(string? text, List<(string, string)> problems)
    {
        if (text is null)
        {
            problems.Add((ServerKey, "required: the IP address (or IP:port) of the zone's primary server"));
            return null;
        }

        // IPEndPoint alone would take "10" for 0.0.0.10: an IPv4 address must have its four parts.
        if (IPEndPoint.TryParse(text, out var endpoint)
            && (endpoint.Address.AddressFamily == AddressFamily.InterNetworkV6
                || endpoint.Address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3))
        {
            if (endpoint.Port != 0)
            {
                return endpoint;
            }

            if (!text.EndsWith(":0", StringComparison.Ordinal))
            {
                return new IPEndPoint(endpoint.Address, DefaultPort);
            }
        }

        problems.Add((ServerKey, $"'{text}' is not an IP address or IP:port (port 1-65535; host names are not resolved; write IPv6 with a port as [addr]:port)"));
        return null;
    }

    private static string? ParseZone(string? text, List<(string, string)> problems)
    {
        if (text is null)
        {
            problems.Add((ZoneKey, "required: the zone to update, fully qualified (for example example.com.)"));
            return null;
        }

        if (DnsName.Problem(text) is { } problem)
        {
            problems.Add((ZoneKey, problem));
            return null;
        }

        return DnsName.Normalize(text);
    }

    private static TsigKey? ParseKey(IReadOnlyDictionary<string, string> settings, List<(string, string)> problems)
    {
        var before = problems.Count;
        var name = Get(settings, TsigKeyNameKey);
        if (name is null)
        {
            problems.Add((TsigKeyNameKey, "required: updates are always TSIG-signed (the key's name as in the server's key statement)"));
        }
        else if (DnsName.Problem(name.EndsWith('.') ? name : name + ".") is { } problem)
        {
            problems.Add((TsigKeyNameKey, problem));
        }

        var algorithmText = Get(settings, TsigAlgorithmKey) ?? "hmac-sha256";
        var algorithm = TsigAlgorithm.Find(algorithmText);
        if (algorithm is null)
        {
            problems.Add((TsigAlgorithmKey, $"'{algorithmText}' is not supported (supported: {string.Join(", ", TsigAlgorithm.SupportedNames)})"));
        }

        var secret = ParseSecret(Get(settings, TsigSecretKey), Get(settings, TsigSecretFileKey), problems);
        return problems.Count == before ? new TsigKey(name!, algorithm!, secret!) : null;
    }

    /// <remarks>Messages never contain the secret, only where it came from.</remarks>
    private static byte[]? ParseSecret(string? inline, string? file, List<(string, string)> problems)
    {
        if (inline is not null && file is not null)
        {
            problems.Add((TsigSecretKey, $"set either {TsigSecretKey} or {TsigSecretFileKey}, not both"));
            return null;
        }

        if (inline is null && file is null)
        {
            problems.Add((TsigSecretKey, $"required: the key's base64 secret, or {TsigSecretFileKey} naming a file that holds it"));
            return null;
        }

        if (inline is not null)
        {
            return DecodeSecret(inline, TsigSecretKey, "is not valid base64", problems);
        }

        string content;
        try
        {
            content = File.ReadAllText(file!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add((TsigSecretFileKey, $"cannot read '{file}': {e.Message}"));
            return null;
        }

        // A BIND key file (tsig-keygen's output) holds the secret in a secret "..." clause.
        var match = BindSecretClause().Match(content);
        var text = match.Success ? match.Groups["secret"].Value : content.Trim();
        return DecodeSecret(text, TsigSecretFileKey, $"'{file}' holds neither a base64 secret nor a BIND key statement with one", problems);
    }

    private static byte[]? DecodeSecret(string text, string key, string problem, List<(string, string)> problems)
    {
        try
        {
            var secret = Convert.FromBase64String(text);
            if (secret.Length > 0)
            {
                return secret;
            }
        }
        catch (FormatException)
        {
        }

        problems.Add((key, problem));
        return null;
    }

    private static TimeSpan ParseTimeout(string? text, List<(string, string)> problems)
    {
        if (text is null)
        {
            return DefaultTimeout;
        }

        var match = TimeoutPattern().Match(text);
        if (match.Success && double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            var timeout = match.Groups["unit"].Value == "ms" ? TimeSpan.FromMilliseconds(value) : TimeSpan.FromSeconds(value);
            if (timeout > TimeSpan.Zero && timeout <= MaxTimeout)
            {
                return timeout;
            }
        }

        problems.Add((TimeoutKey, $"'{text}' is not a duration between 1ms and {MaxTimeout.TotalSeconds:0}s (for example 2s or 500ms)"));
        return DefaultTimeout;
    }

    [GeneratedRegex("""secret\s+"(?<secret>[A-Za-z0-9+/=\s]+)"\s*;""")]
    private static partial Regex BindSecretClause();

    [GeneratedRegex(@"^(?<value>\d+(\.\d+)?)\s*(?<unit>ms|s)?$")]
    private static partial Regex TimeoutPattern();
}
