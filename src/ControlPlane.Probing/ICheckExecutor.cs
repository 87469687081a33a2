using ControlPlane.Core.Definitions;

namespace ControlPlane.Probing;

/// <summary>Runs checks of one <see cref="CheckKind"/>. One shared instance per kind serves every check concurrently.</summary>
public interface ICheckExecutor
{
    /// <summary>The kind of check this executor runs.</summary>
    CheckKind Kind { get; }

    /// <summary>
    /// Runs one check. Returns a failed <see cref="CheckResult"/> for failures of the target.
    /// <paramref name="cancellationToken"/> fires when the check's total timeout elapses or the
    /// caller gives up; the executor then throws <see cref="OperationCanceledException"/> and
    /// <see cref="ProbeEngine"/> decides which of the two it was. Other exceptions are reported
    /// as <see cref="Core.Model.ObservationOutcome.Error"/>.
    /// </summary>
    ValueTask<CheckResult> ExecuteAsync(ProbeTarget target, CancellationToken cancellationToken);
}
