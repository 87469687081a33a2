namespace ControlPlane.Grains.Endpoint.History;

/// <summary>A fixed ring of equal time buckets counting one region's checks, failures and the latency of successful checks.</summary>
/// <remarks>
/// Bucket <c>n</c> covers <c>[n * width, (n + 1) * width)</c> since the Unix epoch; slot <c>n % count</c>
/// holds it. Only the newest bucket number seen is kept (<c>_head</c>): moving it forward clears the
/// slots it passes over, and a slot is read only when its bucket lies in <c>(_head - count, _head]</c>,
/// so nothing is ever scanned or allocated after construction. Each bucket takes 8 bytes.
/// </remarks>
public sealed class CheckBuckets
{
    private readonly long _widthTicks;
    private readonly ushort[] _checks;
    private readonly ushort[] _failures;
    private readonly float[] _latencySumMs;
    private long _head = long.MinValue;

    public CheckBuckets(TimeSpan width, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(width, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Width = width;
        _widthTicks = width.Ticks;
        _checks = new ushort[count];
        _failures = new ushort[count];
        _latencySumMs = new float[count];
    }

    public TimeSpan Width { get; }

    public int Count => _checks.Length;

    /// <summary>Counts one check; one older than the ring is ignored.</summary>
    public void Record(DateTimeOffset at, bool success, TimeSpan duration)
    {
        var bucket = BucketOf(at);
        if (_head == long.MinValue || bucket > _head)
        {
            Advance(bucket);
        }
        else if (bucket <= _head - Count)
        {
            return;
        }

        var slot = Slot(bucket);
        if (_checks[slot] == ushort.MaxValue)
        {
            return; // saturated: far beyond any real check rate per bucket
        }

        _checks[slot]++;
        if (success)
        {
            _latencySumMs[slot] += (float)duration.TotalMilliseconds;
        }
        else
        {
            _failures[slot]++;
        }
    }

    /// <summary>The <see cref="Count"/> buckets ending with the one holding <paramref name="now"/>, oldest first.</summary>
    public CheckBucketSeries Read(DateTimeOffset now)
    {
        var last = BucketOf(now);
        var first = last - Count + 1;
        var checks = new int[Count];
        var failures = new int[Count];
        var latency = new double?[Count];
        for (var i = 0; i < Count; i++)
        {
            var bucket = first + i;
            if (_head == long.MinValue || bucket > _head || bucket <= _head - Count)
            {
                continue;
            }

            var slot = Slot(bucket);
            checks[i] = _checks[slot];
            failures[i] = _failures[slot];
            var successes = _checks[slot] - _failures[slot];
            latency[i] = successes > 0 ? Math.Round(_latencySumMs[slot] / successes, 3) : null;
        }

        return new CheckBucketSeries(new DateTimeOffset(first * _widthTicks, TimeSpan.Zero), Width, checks, failures, latency);
    }

    private void Advance(long bucket)
    {
        var from = _head == long.MinValue ? bucket - Count + 1 : Math.Max(_head + 1, bucket - Count + 1);
        for (var b = from; b <= bucket; b++)
        {
            var slot = Slot(b);
            _checks[slot] = 0;
            _failures[slot] = 0;
            _latencySumMs[slot] = 0;
        }

        _head = bucket;
    }

    private long BucketOf(DateTimeOffset at) => at.UtcTicks / _widthTicks;

    private int Slot(long bucket) => (int)(bucket % Count);
}
