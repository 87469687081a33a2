namespace ControlPlane.Core.Assertions;

/// <summary>Which placeholders a kind of check observes; a condition naming any other is rejected when parsed.</summary>
/// <param name="Description">For errors: "http checks".</param>
/// <param name="Placeholders">The placeholders available.</param>
public sealed record ConditionScope(string Description, IReadOnlySet<PlaceholderKind> Placeholders)
{
    public static readonly ConditionScope Http = new("http checks",
        new HashSet<PlaceholderKind> { PlaceholderKind.Status, PlaceholderKind.Body, PlaceholderKind.Header, PlaceholderKind.ResponseTime, PlaceholderKind.Connected });

    public static readonly ConditionScope Https = new("https checks",
        new HashSet<PlaceholderKind>(Http.Placeholders) { PlaceholderKind.CertificateExpiration, PlaceholderKind.TlsVersion });

    public static readonly ConditionScope Tcp = new("tcp checks",
        new HashSet<PlaceholderKind> { PlaceholderKind.Connected, PlaceholderKind.ResponseTime });

    public static readonly ConditionScope Tls = new("tls checks",
        new HashSet<PlaceholderKind> { PlaceholderKind.Connected, PlaceholderKind.ResponseTime, PlaceholderKind.CertificateExpiration, PlaceholderKind.TlsVersion });

    public static readonly ConditionScope Dns = new("dns checks",
        new HashSet<PlaceholderKind> { PlaceholderKind.DnsRcode, PlaceholderKind.DnsAnswers, PlaceholderKind.DnsTtl, PlaceholderKind.ResponseTime });

    public static readonly ConditionScope Grpc = new("grpc checks",
        new HashSet<PlaceholderKind> { PlaceholderKind.GrpcStatus, PlaceholderKind.ResponseTime, PlaceholderKind.Connected });

    /// <summary>Every placeholder; for tests and tools.</summary>
    public static readonly ConditionScope Any = new("any check", PlaceholderCatalog.All.Select(p => p.Kind).ToHashSet());
}
