using ControlPlane.Cql.Policies;

namespace ControlPlane.Cql.Tests.Unit;

public sealed class RetryPolicyTests
{
    [Fact]
    public void A_non_idempotent_write_is_never_retried_after_it_may_have_run()
    {
        var mayHaveRun = new Exception[]
        {
            new CqlRequestTimeoutException("t", TimeSpan.FromSeconds(1)),
            new CqlConnectionException("broken after send"),
            new CqlServerErrorException("boom"),
            new CqlWriteTimeoutException("wt", CqlConsistency.Quorum, 0, 1, CqlWriteType.Simple),
            new CqlWriteTimeoutException("wt", CqlConsistency.Quorum, 0, 1, CqlWriteType.BatchLog),
            new CqlLwtOutcomeUnknownException("cas", CqlConsistency.Serial, 0, 1),
        };
        foreach (var error in mayHaveRun)
        {
            Assert.Equal(RetryDecision.Rethrow, RetryPolicy.Decide(error, idempotent: false, retriesSoFar: 0));
        }
    }

    [Fact]
    public void Idempotent_statements_move_to_the_next_host_after_a_timeout_or_a_broken_connection()
    {
        Assert.Equal(RetryDecision.TryNextHost, RetryPolicy.Decide(new CqlRequestTimeoutException("t", TimeSpan.Zero), true, 0));
        Assert.Equal(RetryDecision.TryNextHost, RetryPolicy.Decide(new CqlConnectionException("c"), true, 0));
        Assert.Equal(RetryDecision.RetrySameHost,
            RetryPolicy.Decide(new CqlWriteTimeoutException("wt", CqlConsistency.Quorum, 0, 1, CqlWriteType.BatchLog), true, 0));
        Assert.Equal(RetryDecision.Rethrow,
            RetryPolicy.Decide(new CqlWriteTimeoutException("wt", CqlConsistency.Quorum, 0, 1, CqlWriteType.Simple), true, 0));
    }

    [Fact]
    public void Errors_that_prove_nothing_ran_move_on_whatever_the_statement()
    {
        Assert.Equal(RetryDecision.TryNextHost, RetryPolicy.Decide(new CqlConnectionException("c") { RequestSent = false }, false, 0));
        Assert.Equal(RetryDecision.TryNextHost, RetryPolicy.Decide(new CqlOverloadedException("o"), false, 0));
        Assert.Equal(RetryDecision.TryNextHost, RetryPolicy.Decide(new CqlIsBootstrappingException("b"), false, 0));
        Assert.Equal(RetryDecision.TryNextHost, RetryPolicy.Decide(new CqlBusyConnectionException("busy"), false, 0));
        Assert.Equal(RetryDecision.TryNextHost, RetryPolicy.Decide(new CqlUnavailableException("u", CqlConsistency.Quorum, 2, 1), false, 0));
        Assert.Equal(RetryDecision.Rethrow, RetryPolicy.Decide(new CqlUnavailableException("u", CqlConsistency.Quorum, 2, 1), false, 1));
    }

    [Fact]
    public void A_read_timeout_with_enough_replicas_but_no_data_is_retried_once_on_the_same_host()
    {
        Assert.Equal(RetryDecision.RetrySameHost, RetryPolicy.Decide(new CqlReadTimeoutException("rt", CqlConsistency.Quorum, 2, 2, false), true, 0));
        Assert.Equal(RetryDecision.Rethrow, RetryPolicy.Decide(new CqlReadTimeoutException("rt", CqlConsistency.Quorum, 2, 2, false), true, 1));
        Assert.Equal(RetryDecision.Rethrow, RetryPolicy.Decide(new CqlReadTimeoutException("rt", CqlConsistency.Quorum, 1, 2, false), true, 0));
    }

    [Fact]
    public void Request_errors_are_final_and_retries_are_bounded()
    {
        Assert.Equal(RetryDecision.Rethrow, RetryPolicy.Decide(new CqlSyntaxException("s"), true, 0));
        Assert.Equal(RetryDecision.Rethrow, RetryPolicy.Decide(new CqlInvalidQueryException("i"), true, 0));
        Assert.Equal(RetryDecision.Rethrow, RetryPolicy.Decide(new CqlUnauthorizedException("u"), true, 0));
        Assert.Equal(RetryDecision.Rethrow, RetryPolicy.Decide(new CqlOverloadedException("o"), true, RetryPolicy.MaxRetries));
    }
}
