namespace ControlPlane.Core.Quorum;

/// <summary>Whether a region's verdict counts towards quorum right now.</summary>
public enum RegionStatus
{
    /// <summary>Fresh report with an Up or Down verdict: counts.</summary>
    Reporting,

    /// <summary>Fresh report but still Unknown (not enough observations): does not count.</summary>
    Undecided,

    /// <summary>No report within the staleness limit: does not count.</summary>
    Stale,

    /// <summary>Never reported.</summary>
    Missing,
}
