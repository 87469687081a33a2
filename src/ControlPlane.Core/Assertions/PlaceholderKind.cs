namespace ControlPlane.Core.Assertions;

/// <summary>A value a check observes, named in conditions as <c>[NAME]</c>.</summary>
public enum PlaceholderKind
{
    /// <summary><c>[STATUS]</c>: the HTTP status code.</summary>
    Status,

    /// <summary><c>[BODY]</c>: the response body as text, or with a path (<c>[BODY].items[0].id</c>) a value of its JSON.</summary>
    Body,

    /// <summary><c>[HEADER:Name]</c>: a response header's value (several values joined with ", ").</summary>
    Header,

    /// <summary><c>[RESPONSE_TIME]</c>: how long the request (or check) took.</summary>
    ResponseTime,

    /// <summary><c>[CERTIFICATE_EXPIRATION]</c>: time left until the server certificate expires.</summary>
    CertificateExpiration,

    /// <summary><c>[CONNECTED]</c>: whether a connection was made (true in every evaluated condition).</summary>
    Connected,

    /// <summary><c>[TLS_VERSION]</c>: the negotiated protocol, <c>"1.2"</c> or <c>"1.3"</c>.</summary>
    TlsVersion,

    /// <summary><c>[DNS_RCODE]</c>: the response code, <c>NOERROR</c>, <c>NXDOMAIN</c>, <c>SERVFAIL</c>...</summary>
    DnsRcode,

    /// <summary><c>[DNS_ANSWERS]</c>: the data of each answer record of the asked type.</summary>
    DnsAnswers,

    /// <summary><c>[DNS_TTL]</c>: the lowest TTL among those answers.</summary>
    DnsTtl,

    /// <summary><c>[GRPC_STATUS]</c>: the health service's answer, <c>SERVING</c>, <c>NOT_SERVING</c>...</summary>
    GrpcStatus,
}
