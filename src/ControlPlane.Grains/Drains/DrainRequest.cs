namespace ControlPlane.Grains.Drains;

/// <summary>Someone's request to drain an endpoint.</summary>
/// <param name="Origin"><c>api</c>, <c>evacuation:{id}</c> or <c>maintenance:{id}</c>.</param>
[GenerateSerializer, Alias("controlplane.drain-request")]
public sealed record DrainRequest(string Reason, string RequestedBy, bool Force, string Origin = "api");
