using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Probe;

/// <summary>How far this silo's probes run behind their schedule: a histogram per region, and a warning (at most every 30 s) while it exceeds a second.</summary>
public sealed partial class ProbeLag(ControlPlaneMetrics metrics, TimeProvider time, ILogger<ProbeLag> logger)
{
    private static readonly TimeSpan WarnAbove = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WarnEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WorstWindow = TimeSpan.FromMinutes(1);
    private long _lastWarningTicks;
    private long _worstTicks;
    private long _worstAtTicks;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LabelledHistogram.Series> _byRegion = new(StringComparer.Ordinal);

    /// <summary>The largest lag seen in about the last minute (for the status page).</summary>
    public TimeSpan WorstRecent =>
        time.GetUtcNow().UtcTicks - Interlocked.Read(ref _worstAtTicks) <= WorstWindow.Ticks ? TimeSpan.FromTicks(Interlocked.Read(ref _worstTicks)) : TimeSpan.Zero;

    public void Observe(string region, TimeSpan lag)
    {
        var histogram = _byRegion.TryGetValue(region, out var child) ? child : _byRegion.GetOrAdd(region, metrics.ProbeLag.WithLabels(region));
        histogram.Observe(Math.Max(0, lag.TotalSeconds));
        var nowTicks = time.GetUtcNow().UtcTicks;
        if (lag.Ticks > Interlocked.Read(ref _worstTicks) || nowTicks - Interlocked.Read(ref _worstAtTicks) > WorstWindow.Ticks)
        {
            Interlocked.Exchange(ref _worstTicks, Math.Max(0, lag.Ticks));
            Interlocked.Exchange(ref _worstAtTicks, nowTicks);
        }
        if (lag <= WarnAbove)
        {
            return;
        }

        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last >= WarnEvery.Ticks && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            LogBehind(logger, region, lag.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probes of region {Region} run {Lag:0.0} s behind schedule: this silo has more checks than it can run on time; intervals are stretched and reported, nothing is dropped")]
    private static partial void LogBehind(ILogger logger, string region, double lag);
}
