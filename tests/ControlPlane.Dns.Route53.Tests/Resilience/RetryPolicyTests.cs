using ControlPlane.Dns.Route53.Protocol;
using ControlPlane.Dns.Route53.Resilience;

namespace ControlPlane.Dns.Route53.Tests.Resilience;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(400, "Throttling", true)]
    [InlineData(400, "ThrottlingException", true)]
    [InlineData(400, "PriorRequestNotComplete", true)]
    [InlineData(500, "InternalFailure", true)]
    [InlineData(503, "Http503", true)]
    [InlineData(429, "TooManyRequests", true)]
    [InlineData(400, "InvalidChangeBatch", false)]
    [InlineData(400, "InvalidInput", false)]
    [InlineData(403, "SignatureDoesNotMatch", false)]
    [InlineData(404, "NoSuchHostedZone", false)]
    public void Only_throttling_prior_request_and_server_errors_are_retried(int status, string code, bool retried) =>
        Assert.Equal(retried, RetryPolicy.IsRetryable(new Route53Error(status, code, "m", ["m"], null)));

    [Fact]
    public void Backoff_doubles_up_to_the_cap_and_is_jittered_below_it()
    {
        var top = new RetryPolicy(8, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), () => 0.999999);
        Assert.Equal([100, 200, 400, 800, 1000, 1000], Enumerable.Range(0, 6).Select(i => Math.Round(top.DelayBefore(i).TotalMilliseconds)));

        var bottom = new RetryPolicy(8, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), () => 0);
        Assert.Equal(TimeSpan.Zero, bottom.DelayBefore(5));

        var random = new RetryPolicy(8, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        var draws = Enumerable.Range(0, 200).Select(_ => random.DelayBefore(3)).ToList();
        Assert.All(draws, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(800)));
        Assert.True(draws.Distinct().Count() > 100, "delays are spread, not one value");
    }
}
