using ControlPlane.Core.Model;

namespace ControlPlane.Probing;

/// <summary>Runs one check against one endpoint; called by a <c>ProbeGrain</c> once per scheduled check.</summary>
public interface IProbe
{
    /// <summary>
    /// Runs <c>target.Check</c> against <c>target.Address:target.Port</c> and describes the result.
    /// Never throws for a failure of the target: a refused connection, a timeout, a bad status or
    /// certificate all become an <see cref="Observation"/> with the matching
    /// <see cref="ObservationOutcome"/>. Throws <see cref="OperationCanceledException"/> only when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<Observation> RunAsync(ProbeTarget target, CancellationToken cancellationToken);
}
