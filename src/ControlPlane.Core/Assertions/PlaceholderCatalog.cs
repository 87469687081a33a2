namespace ControlPlane.Core.Assertions;

/// <summary>Every placeholder of the condition language with its type.</summary>
public static class PlaceholderCatalog
{
    /// <summary>Placeholders by the name written between brackets.</summary>
    public static readonly IReadOnlyList<(string Name, PlaceholderKind Kind, ConditionType Type)> All =
    [
        ("STATUS", PlaceholderKind.Status, ConditionType.Number),
        ("BODY", PlaceholderKind.Body, ConditionType.Text),
        ("HEADER", PlaceholderKind.Header, ConditionType.Text),
        ("RESPONSE_TIME", PlaceholderKind.ResponseTime, ConditionType.Duration),
        ("CERTIFICATE_EXPIRATION", PlaceholderKind.CertificateExpiration, ConditionType.Duration),
        ("CONNECTED", PlaceholderKind.Connected, ConditionType.Bool),
        ("TLS_VERSION", PlaceholderKind.TlsVersion, ConditionType.Text),
        ("DNS_RCODE", PlaceholderKind.DnsRcode, ConditionType.Text),
        ("DNS_ANSWERS", PlaceholderKind.DnsAnswers, ConditionType.List),
        ("DNS_TTL", PlaceholderKind.DnsTtl, ConditionType.Duration),
        ("GRPC_STATUS", PlaceholderKind.GrpcStatus, ConditionType.Text),
    ];

    public static string NameOf(PlaceholderKind kind) => All.First(p => p.Kind == kind).Name;
}
