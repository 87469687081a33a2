using ControlPlane.Core.Drains;

namespace ControlPlane.Grains.Drains;

/// <summary>What the service grain answered to a drain request: the drain, or why it was refused, with the budget check.</summary>
[GenerateSerializer, Alias("controlplane.drain-admission")]
public sealed record DrainAdmission(DrainRecord? Drain, BudgetVerdict Budget, string? Refused)
{
    public bool Admitted => Drain is not null;
}
