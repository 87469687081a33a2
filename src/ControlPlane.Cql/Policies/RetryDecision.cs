namespace ControlPlane.Cql.Policies;

/// <summary>What to do after a request failed on one host.</summary>
internal enum RetryDecision
{
    /// <summary>Give the error to the caller.</summary>
    Rethrow,

    /// <summary>Send again to the same host.</summary>
    RetrySameHost,

    /// <summary>Send to the next host of the query plan.</summary>
    TryNextHost,
}
