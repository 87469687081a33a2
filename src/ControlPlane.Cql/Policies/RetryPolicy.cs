namespace ControlPlane.Cql.Policies;

/// <summary>
/// Decides whether a failed request is sent again. The rule that matters: a request that may have been
/// executed (a timeout, a connection lost after sending, a server error) is only retried when it is
/// idempotent, so a non-idempotent write is never applied twice by the client.
/// </summary>
/// <remarks>
/// Errors that guarantee nothing ran (Unavailable, Overloaded, IsBootstrapping, a connection that could
/// not take the request, a busy connection) move to the next host, whatever the statement. A read
/// timeout where enough replicas answered but the data replica did not is retried once on the same
/// host (the usual cause is a digest mismatch read repair). A write timeout is retried only for an
/// idempotent statement and only for the batch log write (the batch itself was not yet applied).
/// Syntax, invalid, unauthorized, already-exists and config errors are final.
/// </remarks>
internal static class RetryPolicy
{
    /// <summary>Attempts beyond the first; prevents loops on a cluster that keeps failing.</summary>
    public const int MaxRetries = 3;

    public static RetryDecision Decide(Exception error, bool idempotent, int retriesSoFar)
    {
        if (retriesSoFar >= MaxRetries)
        {
            return RetryDecision.Rethrow;
        }
        return error switch
        {
            CqlConnectionException { RequestSent: false } => RetryDecision.TryNextHost,
            CqlBusyConnectionException => RetryDecision.TryNextHost,
            CqlUnavailableException => retriesSoFar == 0 ? RetryDecision.TryNextHost : RetryDecision.Rethrow,
            CqlOverloadedException or CqlIsBootstrappingException => RetryDecision.TryNextHost,
            CqlReadTimeoutException rt => retriesSoFar == 0 && rt.Received >= rt.BlockFor && !rt.DataPresent
                ? RetryDecision.RetrySameHost
                : RetryDecision.Rethrow,
            CqlWriteTimeoutException wt => idempotent && retriesSoFar == 0 && wt.WriteType == CqlWriteType.BatchLog
                ? RetryDecision.RetrySameHost
                : RetryDecision.Rethrow,
            CqlLwtOutcomeUnknownException => RetryDecision.Rethrow,
            CqlConnectionException or CqlRequestTimeoutException or CqlServerErrorException or CqlTruncateException =>
                idempotent ? RetryDecision.TryNextHost : RetryDecision.Rethrow,
            _ => RetryDecision.Rethrow,
        };
    }
}
