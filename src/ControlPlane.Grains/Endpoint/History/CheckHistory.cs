using ControlPlane.Core.Model;

namespace ControlPlane.Grains.Endpoint.History;

/// <summary>An endpoint's recent checks from each region, in memory: a day in quarter hours and the last hour in minutes.</summary>
/// <remarks>
/// Kept by the endpoint's grain from the observations the regions report after every check, for the
/// status page's uptime bars and latency sparklines; no decision reads it. Not persisted (it starts
/// empty when the grain activates, for example after a silo is lost), which is what keeps it free:
/// no store write per check. Size per endpoint and region: 96 + 60 buckets of 8 bytes, about 1.3 KB
/// with the arrays' headers, whatever the check interval.
/// </remarks>
public sealed class CheckHistory
{
    public static readonly TimeSpan DayBucket = TimeSpan.FromMinutes(15);
    public const int DayBuckets = 96;
    public static readonly TimeSpan HourBucket = TimeSpan.FromMinutes(1);
    public const int HourBuckets = 60;

    private readonly Dictionary<string, (CheckBuckets Day, CheckBuckets Hour)> _regions = new(StringComparer.Ordinal);

    public CheckHistory(DateTimeOffset since) => Since = since;

    /// <summary>When this history started (the grain's activation): nothing before it is known here.</summary>
    public DateTimeOffset Since { get; }

    public void Record(Observation observation)
    {
        if (!_regions.TryGetValue(observation.Region, out var rings))
        {
            rings = (new CheckBuckets(DayBucket, DayBuckets), new CheckBuckets(HourBucket, HourBuckets));
            _regions[observation.Region] = rings;
        }

        rings.Day.Record(observation.At, observation.IsSuccess, observation.Duration);
        rings.Hour.Record(observation.At, observation.IsSuccess, observation.Duration);
    }

    public CheckHistorySnapshot Read(DateTimeOffset now) =>
        new(Since, _regions.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RegionCheckHistory(r.Key, r.Value.Day.Read(now), r.Value.Hour.Read(now)))
            .ToList());
}
