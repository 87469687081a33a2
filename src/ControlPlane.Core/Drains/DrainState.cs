namespace ControlPlane.Core.Drains;

/// <summary>Where a drain is: <c>draining → drained → undraining → restored</c> (an undrain may also come while draining); <c>cancelled</c> when the endpoint left the definition.</summary>
public enum DrainState
{
    /// <summary>Out of the desired record set; DNS may still serve it, or resolvers may still cache it.</summary>
    Draining,

    /// <summary>DNS has stopped serving it (Route 53: INSYNC) and the record's TTL has passed since.</summary>
    Drained,

    /// <summary>Returned to the desired record set; waiting for <c>rise</c> successes and for DNS to serve it.</summary>
    Undraining,

    /// <summary>Healthy after <c>rise</c> successes and served by DNS again.</summary>
    Restored,

    /// <summary>The endpoint left the cluster definition while drained: nothing more will happen.</summary>
    Cancelled,
}
