namespace ControlPlane.Testing.Chaos;

/// <summary>How an expected failover ended.</summary>
public enum FailoverOutcome
{
    /// <summary>The endpoint left the served record by the deadline.</summary>
    Made,

    /// <summary>Still served at the deadline, rightly: every endpoint of its service was down then, and removing it would have emptied the record.</summary>
    FailOpenKept,

    /// <summary>Removed, although the endpoint recovered (or the run ended) before a removal was owed: not counted as expected, only for the times to act.</summary>
    MadeBeforeOwed,

    /// <summary>Still served at the deadline without excuse (a <see cref="ChaosRules.MissedFailover"/>).</summary>
    Missed,
}
