namespace ControlPlane.Dns.Route53.Resilience;

/// <summary>A client-side request budget, shared by every provider that uses one AWS account.</summary>
/// <remarks>
/// Holds up to <c>burst</c> tokens and refills at <c>ratePerSecond</c>. A caller takes a token at once
/// and, when the bucket is empty, goes into debt and waits until its own token has refilled; callers
/// are therefore served in arrival order and the long-run rate never exceeds the configured one.
/// A cancelled wait gives its token back.
/// </remarks>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private double _ratePerSecond;
    private double _burst;
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(double ratePerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        _time = time;
        _ratePerSecond = ratePerSecond;
        _burst = Math.Max(1, ratePerSecond);
        _tokens = _burst;
        _lastRefill = time.GetTimestamp();
    }

    /// <summary>Requests per second.</summary>
    public double RatePerSecond
    {
        get
        {
            lock (_gate)
            {
                return _ratePerSecond;
            }
        }
    }

    /// <summary>Lowers the rate (never raises it): when providers of one account disagree, the most careful wins.</summary>
    public void LimitTo(double ratePerSecond)
    {
        lock (_gate)
        {
            if (ratePerSecond < _ratePerSecond)
            {
                Refill();
                _ratePerSecond = ratePerSecond;
                _burst = Math.Max(1, ratePerSecond);
                _tokens = Math.Min(_tokens, _burst);
            }
        }
    }

    /// <summary>Waits until the caller may send one request.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            if (_tokens >= 0)
            {
                return;
            }

            wait = TimeSpan.FromSeconds(-_tokens / _ratePerSecond);
        }

        try
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _tokens += 1;
            }

            throw;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastRefill, now).TotalSeconds;
        _lastRefill = now;
        _tokens = Math.Min(_burst, _tokens + (elapsed * _ratePerSecond));
    }
}
