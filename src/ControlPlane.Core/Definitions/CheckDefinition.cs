using ControlPlane.Core.Assertions;

namespace ControlPlane.Core.Definitions;

/// <summary>What kind of synthetic check probes an endpoint.</summary>
public enum CheckKind
{
    /// <summary>HTTP or HTTPS: one request, or an ordered transaction of steps.</summary>
    Http,
    Tcp,

    /// <summary>A TLS handshake only: chain, name, protocol version, expiry.</summary>
    Tls,

    /// <summary>A DNS query to the endpoint (or a given server).</summary>
    Dns,

    /// <summary>The standard <c>grpc.health.v1.Health/Check</c>.</summary>
    Grpc,

    /// <summary>Several checks combined by all / any / N of M.</summary>
    Composite,
}

/// <summary>How an endpoint is probed and how often.</summary>
public sealed record CheckDefinition
{
    public required string Id { get; init; }
    public required CheckKind Kind { get; init; }

    /// <summary>Time between checks of one endpoint from one region. Default 10 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Time between checks after a failure, until the region's verdict is down or a check
    /// succeeds (HAProxy's <c>fastinter</c>). Default null: a quarter of <see cref="Interval"/>.
    /// </summary>
    public TimeSpan? FastInterval { get; init; }

    /// <summary>The fast recheck interval in force: <see cref="FastInterval"/>, else a quarter of the interval.</summary>
    public TimeSpan EffectiveFastInterval => FastInterval ?? Interval / 4;

    /// <summary>Each wait is the interval +/- this fraction, so checks never fire in lockstep. Default 0.1.</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>TCP connect (and TLS handshake) limit. Default 2 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whole-check limit. Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Port when the endpoint names none. Default: 80 for http, 443 for https, required for tcp.</summary>
    public int? Port { get; init; }

    /// <summary>HTTP and HTTPS settings; null for other kinds.</summary>
    public HttpCheckDefinition? Http { get; init; }

    /// <summary>TLS handshake settings of a <see cref="CheckKind.Tls"/> check.</summary>
    public TlsCheckDefinition? Tls { get; init; }

    /// <summary>The query of a <see cref="CheckKind.Dns"/> check.</summary>
    public DnsCheckDefinition? Dns { get; init; }

    /// <summary>The service of a <see cref="CheckKind.Grpc"/> check.</summary>
    public GrpcCheckDefinition? Grpc { get; init; }

    /// <summary>The children of a <see cref="CheckKind.Composite"/> check.</summary>
    public CompositeCheckDefinition? Composite { get; init; }

    /// <summary>
    /// Conditions every result must satisfy, parsed when the definition was validated. For an
    /// HTTP check without steps they apply to its one response; a transaction's steps have their own.
    /// Default none (each kind has its built-in pass rule).
    /// </summary>
    public IReadOnlyList<Condition> Assertions { get; init; } = [];

    /// <summary>The port probed on an endpoint.</summary>
    public int PortFor(EndpointDefinition endpoint) => PortFor(endpoint.Port);

    /// <summary>The port probed when the endpoint names <paramref name="endpointPort"/> (or none).</summary>
    public int PortFor(int? endpointPort) =>
        endpointPort ?? Port ?? Kind switch
        {
            CheckKind.Tls => 443,
            CheckKind.Dns => 53,
            CheckKind.Grpc => Grpc?.Tls == true ? 443 : 80,
            _ => Http?.Tls == true ? 443 : 80,
        };
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

    /// <summary>Request body of a single-request check (may hold <c>${env:...}</c> / <c>${file:...}</c>). Default none.</summary>
    public TemplateText? Body { get; init; }

    /// <summary>Follow redirects to the same scheme, host and port (at most 5); others fail the check. Default false.</summary>
    public bool FollowRedirects { get; init; }

    /// <summary>An ordered transaction sharing cookies and variables; empty for a single request. Default empty.</summary>
    public IReadOnlyList<HttpStepDefinition> Steps { get; init; } = [];

    public bool AcceptsStatus(int status) => ExpectedStatus.Any(r => r.Contains(status));
}

/// <summary>An inclusive range of HTTP status codes; a single code has From == To.</summary>
public readonly record struct StatusRange(int From, int To)
{
    public bool Contains(int status) => status >= From && status <= To;

    public override string ToString() => From == To ? From.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{From}-{To}";
}
