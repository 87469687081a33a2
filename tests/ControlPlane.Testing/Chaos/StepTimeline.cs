namespace ControlPlane.Testing.Chaos;

/// <summary>
/// A value that changes only at given instants and holds in between: the value at a time is the
/// last one set at or before it (of several set at the same instant, the last), else the initial one.
/// </summary>
internal sealed class StepTimeline<T>(T initial)
{
    private readonly List<TimeSpan> _times = [];
    private readonly List<T> _values = [];

    /// <summary>Sets the value from <paramref name="at"/> on; instants must not decrease.</summary>
    public void Set(TimeSpan at, T value)
    {
        if (_times.Count > 0 && at < _times[^1])
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "Steps must be set in time order.");
        }

        _times.Add(at);
        _values.Add(value);
    }

    public T At(TimeSpan time)
    {
        var after = FirstAfter(time);
        return after == 0 ? initial : _values[after - 1];
    }

    /// <summary>The distinct instants in (<paramref name="after"/>, <paramref name="before"/>) at which a value was set.</summary>
    public IEnumerable<TimeSpan> ChangesBetween(TimeSpan after, TimeSpan before)
    {
        for (var i = FirstAfter(after); i < _times.Count && _times[i] < before; i++)
        {
            if (i == 0 || _times[i] != _times[i - 1])
            {
                yield return _times[i];
            }
        }
    }

    /// <summary>Every distinct instant at which a value was set.</summary>
    public IEnumerable<TimeSpan> Changes => ChangesBetween(TimeSpan.MinValue, TimeSpan.MaxValue);

    private int FirstAfter(TimeSpan time)
    {
        int low = 0, high = _times.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_times[middle] <= time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
