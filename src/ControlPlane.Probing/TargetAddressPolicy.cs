using System.Net;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Probing;

/// <summary>Which addresses a probe may connect to: not link-local or cloud metadata ones (see <see cref="TargetAddressRules"/>) unless allowed.</summary>
internal static class TargetAddressPolicy
{
    public static bool IsLinkLocal(IPAddress address) => TargetAddressRules.IsLinkLocalOrMetadata(address);
}
