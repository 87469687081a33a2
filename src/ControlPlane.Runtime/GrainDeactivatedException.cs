using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>A call reached an activation that is shutting down; the caller retries on a fresh activation.</summary>
public sealed class GrainDeactivatedException(GrainId grain) : Exception($"grain {grain} was deactivated")
{
    public GrainId Grain { get; } = grain;
}
