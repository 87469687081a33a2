namespace ControlPlane.Core.Model;

/// <summary>One region's view of one endpoint after its fall/rise thresholds.</summary>
public enum Verdict
{
    /// <summary>Not enough consecutive observations yet to cross a threshold.</summary>
    Unknown,
    Up,
    Down,
}
