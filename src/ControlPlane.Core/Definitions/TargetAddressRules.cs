using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Core.Definitions;

/// <summary>Addresses a probe refuses unless the endpoint allows them: link-local and cloud metadata.</summary>
/// <remarks>
/// Link-local addresses host cloud metadata services (169.254.169.254 on AWS, GCP and Azure;
/// fd00:ec2::254 for AWS over IPv6), which hand out credentials; a definition pointing there
/// would let anyone who can edit it read them through observation details. IPv4-mapped IPv6
/// addresses are unwrapped first so <c>::ffff:169.254.169.254</c> is refused too.
/// </remarks>
public static class TargetAddressRules
{
    private static readonly IPAddress AwsIpv6Metadata = IPAddress.Parse("fd00:ec2::254");

    /// <summary>169.254.0.0/16, fe80::/10 and fd00:ec2::254.</summary>
    public static bool IsLinkLocalOrMetadata(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> bytes = stackalloc byte[4];
            address.TryWriteBytes(bytes, out _);
            return bytes[0] == 169 && bytes[1] == 254;
        }

        return address.IsIPv6LinkLocal || address.Equals(AwsIpv6Metadata);
    }
}
