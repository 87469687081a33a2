using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;

namespace ControlPlane.Core.Drains;

/// <summary>Whether draining one more endpoint keeps a service within its disruption budget.</summary>
/// <remarks>
/// Unavailable means decided unhealthy, or drained or draining. Draining an endpoint that is already
/// unavailable costs nothing and is always allowed; otherwise the drain is allowed when the other
/// unavailable endpoints plus this one do not exceed the budget. No budget allows everything.
/// </remarks>
public static class BudgetCheck
{
    public static BudgetVerdict Evaluate(
        DisruptionBudget? budget,
        IReadOnlyList<string> endpointIds,
        IReadOnlyDictionary<string, EndpointStatus> statuses,
        string target)
    {
        var unavailable = endpointIds
            .Where(id => id != target && statuses.TryGetValue(id, out var s) && Unavailable(s))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (budget is null)
        {
            return new BudgetVerdict(true, null, endpointIds.Count, unavailable, "no disruption budget");
        }

        var max = budget.MaxUnavailable(endpointIds.Count);
        var targetUnavailable = statuses.TryGetValue(target, out var own) && Unavailable(own);
        var after = unavailable.Count + 1;
        var allowed = targetUnavailable || after <= max;
        var others = unavailable.Count == 0 ? "no other endpoint" : $"{unavailable.Count} other(s) ({string.Join(", ", unavailable)})";
        var reason = targetUnavailable
            ? $"{target} is already unavailable: draining it costs no budget"
            : $"maxUnavailable {budget} allows {max} of {endpointIds.Count} endpoint(s); {others} down or drained, draining {target} would make {after}";
        return new BudgetVerdict(allowed, budget.ToString(), max, unavailable, reason);
    }

    private static bool Unavailable(EndpointStatus status) => status.Drained || status.Health == EndpointHealth.Unhealthy;
}

/// <summary>The outcome of a budget check with its evidence.</summary>
/// <param name="Budget">The configured budget as written (<c>1</c>, <c>25%</c>), null when none.</param>
/// <param name="MaxUnavailable">Endpoints the budget allows to be unavailable.</param>
/// <param name="Unavailable">The other endpoints already down, draining or drained.</param>
public sealed record BudgetVerdict(bool Allowed, string? Budget, int MaxUnavailable, IReadOnlyList<string> Unavailable, string Reason);
