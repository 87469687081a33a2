using System.Net;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Probing;

/// <summary>One endpoint as one region probes it: where to connect and which check to run.</summary>
/// <param name="EndpointId">The endpoint checked; copied into the observation.</param>
/// <param name="Region">The region running the check; copied into the observation.</param>
/// <param name="Address">The address connected to. The probe never resolves names.</param>
/// <param name="Port">The port connected to (see <see cref="CheckDefinition.PortFor(int?)"/>).</param>
/// <param name="HostName">HTTP Host header and TLS server name (SNI); null means the address itself.</param>
/// <param name="Check">The check to run.</param>
/// <param name="EndpointPort">The port the endpoint itself names, if any; children of a composite check derive their port from it.</param>
/// <param name="AllowLinkLocal">
/// Allow link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10). Default false:
/// such targets get an <see cref="Core.Model.ObservationOutcome.Error"/> observation without any
/// packet being sent.
/// </param>
public sealed record ProbeTarget(
    string EndpointId,
    string Region,
    IPAddress Address,
    int Port,
    string? HostName,
    CheckDefinition Check,
    bool AllowLinkLocal = false,
    int? EndpointPort = null);
