namespace ControlPlane.Cql.Policies;

/// <summary>
/// Client-side write timestamps in microseconds since the epoch, strictly increasing within the process
/// even when the clock has only millisecond resolution or steps back.
/// </summary>
internal sealed class TimestampGenerator
{
    private readonly TimeProvider _time;
    private long _last;

    public TimestampGenerator(TimeProvider time)
    {
        _time = time;
    }

    public long Next()
    {
        var now = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = now > last ? now : last + 1;
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }

    public static long ToMicros(DateTimeOffset timestamp) => (timestamp - DateTimeOffset.UnixEpoch).Ticks / 10;
}
