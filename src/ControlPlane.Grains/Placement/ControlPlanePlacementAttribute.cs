using Orleans.Placement;

namespace ControlPlane.Grains.Placement;

/// <summary>Places a grain class with <see cref="ControlPlanePlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ControlPlanePlacementAttribute() : PlacementAttribute(ControlPlanePlacement.Instance);
