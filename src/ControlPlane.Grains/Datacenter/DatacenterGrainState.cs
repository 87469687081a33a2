namespace ControlPlane.Grains.Datacenter;

/// <summary>Persisted on activation (epoch) and at each step of an evacuation.</summary>
public sealed class DatacenterGrainState
{
    /// <summary>Bumped by every activation's first write, which fences out any older activation still running.</summary>
    public long Epoch { get; set; }

    public long EvacuationSequence { get; set; }

    /// <summary>The current or last evacuation.</summary>
    public Evacuation? Evacuation { get; set; }
}
