using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Configuration.Values;

/// <summary>Strict IP literals: dotted-quad IPv4 or IPv6, nothing <see cref="IPAddress.TryParse(string, out IPAddress)"/> would also accept.</summary>
/// <remarks>
/// <see cref="IPAddress.TryParse(string, out IPAddress)"/> accepts <c>1</c> as 0.0.0.1 and
/// <c>127.1</c> as 127.0.0.1; in a config file those are typos, so they are refused here.
/// </remarks>
internal static class IpAddressText
{

    public static bool TryParse(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':'))
        {
            if (text.Contains('%') || text.Contains('[') || !IPAddress.TryParse(text, out var v6)
                || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = v6;
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit)
                || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>169.254.0.0/16, fe80::/10 and cloud metadata addresses: never probed unless explicitly allowed.</summary>
    public static bool IsLinkLocalOrMetadata(IPAddress address) => Core.Definitions.TargetAddressRules.IsLinkLocalOrMetadata(address);

    /// <summary>Why an address can never be an endpoint (unspecified, broadcast, multicast), or null.</summary>
    public static string? NotUnicast(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "the unspecified address";
        }

        if (address.Equals(IPAddress.Broadcast))
        {
            return "the broadcast address";
        }

        var multicast = address.AddressFamily == AddressFamily.InterNetwork
            ? address.GetAddressBytes()[0] is >= 224 and <= 239
            : address.IsIPv6Multicast;
        return multicast ? "a multicast address" : null;
    }
}
