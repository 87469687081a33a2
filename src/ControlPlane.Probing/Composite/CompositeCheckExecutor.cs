using System.Globalization;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;

namespace ControlPlane.Probing.Composite;

/// <summary>Runs composite checks: every child at once against the same endpoint, then all / any / N of M.</summary>
/// <remarks>
/// Each child runs through the engine like a check of its own (its own timeout, the link-local
/// rule, its own executor); the composite's timeout is at least its longest child's. The
/// evidence lists every child's outcome and detail; the detail says how many passed of how many
/// needed, and names the failed ones. A failed composite takes the outcome of its first failed child.
/// </remarks>
internal sealed class CompositeCheckExecutor : ICheckExecutor
{
    private IProbe? _engine;

    public CheckKind Kind => CheckKind.Composite;

    /// <summary>Gives the executor the engine that runs the children (the engine is built after its executors).</summary>
    public void Attach(IProbe engine) => _engine = engine;

    public async ValueTask<CheckResult> ExecuteAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var engine = _engine ?? throw new InvalidOperationException("the composite executor is not attached to an engine");
        var composite = target.Check.Composite ?? throw new InvalidOperationException($"check '{target.Check.Id}' has no children");
        var children = composite.Checks;
        var runs = new Task<Observation>[children.Count];
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            runs[i] = engine.RunAsync(target with { Check = child, Port = child.PortFor(target.EndpointPort) }, cancellationToken);
        }

        var observations = await Task.WhenAll(runs);
        var evidence = observations.Select((o, i) => new CheckEvidence(children[i].Id, o.Outcome, o.Detail, o.Duration)).ToList();
        var passed = observations.Count(o => o.IsSuccess);
        var required = composite.Required;
        var failed = evidence.Where(e => e.Outcome != ObservationOutcome.Success).ToList();
        var summary = string.Create(CultureInfo.InvariantCulture, $"{passed} of {children.Count} checks passed, {required} required");
        var failures = failed.Count == 0 ? string.Empty : "; failed: " + string.Join("; ", failed.Select(f => $"{f.Name}: {f.Detail}"));
        var warning = observations.Select(o => o.Warning).FirstOrDefault(w => w is not null);
        return new CheckResult(
            passed >= required ? ObservationOutcome.Success : failed[0].Outcome,
            summary + failures,
            observations.Select(o => o.StatusCode).FirstOrDefault(s => s is not null),
            observations.Select(o => o.CertificateExpiresAt).Where(e => e is not null).DefaultIfEmpty(null).Min())
        {
            Evidence = evidence,
            Warning = warning,
        };
    }
}
