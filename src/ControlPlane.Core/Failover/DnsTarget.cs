using System.Net;

namespace ControlPlane.Core.Failover;

/// <summary>One address a service's record should answer with.</summary>
/// <param name="EndpointId">The endpoint behind the address (a provider may use it as set identifier).</param>
/// <param name="Address">The A or AAAA value.</param>
/// <param name="Weight">Weight for weighted records; ignored by other policies.</param>
/// <param name="Priority">The endpoint's failover tier.</param>
public sealed record DnsTarget(string EndpointId, IPAddress Address, int Weight, int Priority)
{
    /// <summary><c>A</c> or <c>AAAA</c>.</summary>
    public string RecordType => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "AAAA" : "A";
}
