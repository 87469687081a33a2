using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Probing;

/// <summary>Which addresses a probe may connect to.</summary>
/// <remarks>
/// Link-local addresses host cloud metadata services (169.254.169.254 on AWS, GCP and Azure),
/// which hand out credentials; a check definition pointing there would let anyone who can
/// edit the cluster definition read them through observation details. IPv4-mapped IPv6
/// addresses are unwrapped first so <c>::ffff:169.254.169.254</c> is refused too.
/// </remarks>
internal static class TargetAddressPolicy
{
    public static bool IsLinkLocal(IPAddress address)
    {
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

        return address.IsIPv6LinkLocal;
    }
}
