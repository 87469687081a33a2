namespace ControlPlane.Core.Model;

/// <summary>How a service's DNS record is built from its healthy endpoints.</summary>
public enum RoutingPolicy
{
    /// <summary>Ordered priority tiers: the first tier with a healthy endpoint is published.</summary>
    Failover,

    /// <summary>All healthy endpoints, at most <see cref="Failover.FailoverPolicy.MaxMultivalueAnswers"/>.</summary>
    Multivalue,

    /// <summary>All healthy endpoints, each with its weight.</summary>
    Weighted,
}
