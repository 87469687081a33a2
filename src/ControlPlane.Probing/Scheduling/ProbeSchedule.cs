using ControlPlane.Core.Definitions;

namespace ControlPlane.Probing.Scheduling;

/// <summary>When the checks of one endpoint from one region run: a random first delay, then the interval with jitter.</summary>
/// <remarks>
/// The first delay is uniform in [0, interval), so endpoints configured together (or a silo
/// that just took over many probe shards) spread their checks over a whole interval instead of
/// firing at once. Every later delay is uniform in [interval * (1 - jitter), interval * (1 + jitter)),
/// so checks that happen to line up drift apart again and the mean interval stays the configured
/// one. Pure: the randomness comes from the injected <see cref="Random"/> (seed it in tests).
/// Not thread-safe, like <see cref="Random"/>; a probe grain owns its schedule.
/// </remarks>
public sealed class ProbeSchedule
{
    private readonly Random _random;

    /// <param name="interval">Mean time between checks; positive.</param>
    /// <param name="jitter">Fraction of the interval each delay may deviate by, in [0, 1).</param>
    /// <param name="random">Source of randomness.</param>
    public ProbeSchedule(TimeSpan interval, double jitter, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        if (!(jitter >= 0 && jitter < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "jitter must be in [0, 1)");
        }

        ArgumentNullException.ThrowIfNull(random);
        Interval = interval;
        Jitter = jitter;
        _random = random;
    }

    /// <summary>The schedule of <paramref name="check"/> (its interval and jitter).</summary>
    public static ProbeSchedule For(CheckDefinition check, Random random)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new ProbeSchedule(check.Interval, check.Jitter, random);
    }

    public TimeSpan Interval { get; }

    public double Jitter { get; }

    /// <summary>The wait before the first check: uniform in [0, interval).</summary>
    public TimeSpan FirstDelay() => Interval * _random.NextDouble();

    /// <summary>The wait between two checks: uniform in [interval * (1 - jitter), interval * (1 + jitter)).</summary>
    public TimeSpan NextDelay() => NextDelay(Interval);

    /// <summary>The wait before a fast recheck: <paramref name="interval"/> with the same jitter.</summary>
    public TimeSpan NextDelay(TimeSpan interval) => interval * (1 + (Jitter * ((2 * _random.NextDouble()) - 1)));
}
