namespace ControlPlane.Cql.Connections;

/// <summary>Exponential backoff with jitter between reconnection attempts: base, 2x base, ... up to max.</summary>
internal sealed class ReconnectionSchedule
{
    private readonly TimeSpan _base;
    private readonly TimeSpan _max;
    private int _attempt;

    public ReconnectionSchedule(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        _base = baseDelay;
        _max = maxDelay;
    }

    /// <summary>The delay before the next attempt (85-100% of the nominal delay, so nodes are not hit in lockstep).</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_attempt++, 30);
        var nominal = Math.Min(_base.TotalMilliseconds * Math.Pow(2, exponent), _max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(nominal * (0.85 + (Random.Shared.NextDouble() * 0.15)));
    }

    public void Reset() => _attempt = 0;
}
