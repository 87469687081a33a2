namespace ControlPlane.Core.Definitions;

/// <summary>What kind of synthetic check probes an endpoint.</summary>
public enum CheckKind
{
    Http,
    Tcp,
}

/// <summary>How an endpoint is probed and how often.</summary>
public sealed record CheckDefinition
{
    public required string Id { get; init; }
    public required CheckKind Kind { get; init; }

    /// <summary>Time between checks of one endpoint from one region. Default 10 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Each wait is the interval +/- this fraction, so checks never fire in lockstep. Default 0.1.</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>TCP connect (and TLS handshake) limit. Default 2 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whole-check limit. Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Port when the endpoint names none. Default: 80 for http, 443 for https, required for tcp.</summary>
    public int? Port { get; init; }

    /// <summary>HTTP and HTTPS settings; null for TCP.</summary>
    public HttpCheckDefinition? Http { get; init; }

    /// <summary>The port probed on an endpoint.</summary>
    public int PortFor(EndpointDefinition endpoint) =>
        endpoint.Port ?? Port ?? (Http?.Tls == true ? 443 : 80);
}

/// <summary>An HTTP(S) request and the assertions on its response.</summary>
public sealed record HttpCheckDefinition
{
    /// <summary>Use HTTPS. Default false.</summary>
    public bool Tls { get; init; }

    /// <summary>Default GET.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Default <c>/</c>.</summary>
    public string Path { get; init; } = "/";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Accepted status codes. Default 200-399.</summary>
    public IReadOnlyList<StatusRange> ExpectedStatus { get; init; } = [new StatusRange(200, 399)];

    /// <summary>The body must contain this text. Default none.</summary>
    public string? BodyContains { get; init; }

    /// <summary>The body must match this regular expression. Default none.</summary>
    public string? BodyRegex { get; init; }

    /// <summary>A slower response counts as a failure. Default none.</summary>
    public TimeSpan? MaxLatency { get; init; }

    /// <summary>Validate the server certificate chain and name. Default true.</summary>
    public bool ValidateCertificate { get; init; } = true;

    /// <summary>Fail when the certificate expires within this many days. Default 0 (only expired fails).</summary>
    public int CertificateMinDaysValid { get; init; }

    /// <summary>Open a new connection for every check, as Route 53 does. Default true.</summary>
    public bool FreshConnection { get; init; } = true;

    public bool AcceptsStatus(int status) => ExpectedStatus.Any(r => r.Contains(status));
}

/// <summary>An inclusive range of HTTP status codes; a single code has From == To.</summary>
public readonly record struct StatusRange(int From, int To)
{
    public bool Contains(int status) => status >= From && status <= To;

    public override string ToString() => From == To ? From.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{From}-{To}";
}
