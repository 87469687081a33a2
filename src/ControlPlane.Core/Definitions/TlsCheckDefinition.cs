namespace ControlPlane.Core.Definitions;

/// <summary>A TLS handshake and the certificate it presents; nothing is sent after the handshake.</summary>
public sealed record TlsCheckDefinition
{
    /// <summary>SNI and the name the certificate must carry. Default the endpoint's host name.</summary>
    public string? ServerName { get; init; }

    /// <summary>PEM file of trusted roots on the probing silo; default none (the system roots).</summary>
    public string? CaBundle { get; init; }

    /// <summary>Lowest accepted protocol, <c>1.2</c> or <c>1.3</c>. Default 1.2.</summary>
    public string MinVersion { get; init; } = "1.2";

    /// <summary>Validate chain and name. Default true.</summary>
    public bool ValidateCertificate { get; init; } = true;

    /// <summary>A certificate expiring sooner passes with a warning. Default 14 days.</summary>
    public TimeSpan WarnBefore { get; init; } = TimeSpan.FromDays(14);

    /// <summary>A certificate expiring sooner fails the check. Default 0 (only an expired one fails).</summary>
    public TimeSpan FailBefore { get; init; }
}

/// <summary>The DNS record types a DNS check can ask for.</summary>
public enum DnsRecordType
{
    A,
    AAAA,
    CNAME,
    TXT,
    SRV,
    SOA,
}

/// <summary>A DNS query; by default the endpoint is the server asked.</summary>
public sealed record DnsCheckDefinition
{
    /// <summary>The name asked for, fully qualified.</summary>
    public required string Name { get; init; }

    /// <summary>Default A.</summary>
    public DnsRecordType Type { get; init; } = DnsRecordType.A;

    /// <summary>Ask this server (address and port) instead of the endpoint. Default none.</summary>
    public System.Net.IPEndPoint? Server { get; init; }

    /// <summary>Only TCP, never UDP. Default false: UDP, with TCP when the answer is truncated.</summary>
    public bool TcpOnly { get; init; }

    /// <summary>Ask for recursion (RD bit). Default false: an authoritative answer is expected.</summary>
    public bool Recursion { get; init; }
}

/// <summary>The standard gRPC health check of one service.</summary>
public sealed record GrpcCheckDefinition
{
    /// <summary>The service name asked about; empty means the server as a whole. Default empty.</summary>
    public string Service { get; init; } = string.Empty;

    /// <summary>gRPC over TLS (h2); false is h2c (HTTP/2 without TLS). Default false.</summary>
    public bool Tls { get; init; }

    /// <summary>Validate chain and name when <see cref="Tls"/>. Default true.</summary>
    public bool ValidateCertificate { get; init; } = true;
}

/// <summary>How many children of a composite check must pass.</summary>
public enum CompositeRule
{
    All,
    Any,

    /// <summary>At least <see cref="CompositeCheckDefinition.AtLeast"/>.</summary>
    AtLeast,
}

/// <summary>Children run together against the same endpoint; the composite passes when enough of them do (Route 53's calculated checks, with no child limit).</summary>
public sealed record CompositeCheckDefinition
{
    /// <summary>The children, resolved from their ids; none is itself composite.</summary>
    public required IReadOnlyList<CheckDefinition> Checks { get; init; }

    public CompositeRule Rule { get; init; } = CompositeRule.All;

    /// <summary>For <see cref="CompositeRule.AtLeast"/>: how many must pass.</summary>
    public int AtLeast { get; init; }

    /// <summary>How many children must pass.</summary>
    public int Required => Rule switch
    {
        CompositeRule.All => Checks.Count,
        CompositeRule.Any => 1,
        _ => AtLeast,
    };
}
