using Orleans.Concurrency;

namespace ControlPlane.Grains;

/// <summary>What every control-plane grain answers to the <see cref="Hosting.GrainKeeper"/>.</summary>
public interface IControlPlaneGrain : IGrainWithStringKey
{
    /// <summary>Does nothing; calling it activates the grain where placement puts it (probes and endpoints work on timers, so they must be active without being called).</summary>
    [AlwaysInterleave]
    Task KeepAliveAsync();

    /// <summary>Deactivates this activation when idle (it is on the wrong silo after a membership change, or left the definition).</summary>
    [AlwaysInterleave]
    Task RetireAsync();
}
