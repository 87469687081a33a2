namespace ControlPlane.Api.StatusPage;

/// <summary>The answer of <c>GET /api/v1/history</c>: the bucket layouts, then each endpoint's series on them.</summary>
/// <param name="Uptime">Layout of <see cref="EndpointHistoryView.Healthy"/>, <see cref="RegionHistoryView.Checks"/>, <see cref="RegionHistoryView.Failures"/> and <see cref="RegionHistoryView.LatencyMs"/> (quarter hours).</param>
/// <param name="Recent">Layout of <see cref="RegionHistoryView.RecentLatencyMs"/> (minutes of the last hour).</param>
public sealed record HistoryView(DateTimeOffset At, BucketLayout Uptime, BucketLayout Recent, IReadOnlyList<EndpointHistoryView> Endpoints);

/// <summary><paramref name="Count"/> buckets of <paramref name="BucketSeconds"/> from <paramref name="Start"/>, oldest first; the last one holds the current time.</summary>
public sealed record BucketLayout(DateTimeOffset Start, int BucketSeconds, int Count);

/// <summary>One endpoint: decided uptime per bucket (fraction, null without data) and over the window, and each region's checks.</summary>
/// <param name="ChecksSince">When the in-memory check history started (its grain's activation); check counts before it are zero.</param>
public sealed record EndpointHistoryView(string Id, string ServiceId, double? UptimePercent, IReadOnlyList<double?> Healthy, DateTimeOffset ChecksSince, IReadOnlyList<RegionHistoryView> Regions);

/// <summary>One region's checks of an endpoint: per quarter hour the checks, failures and mean latency of successes; per minute of the last hour the mean latency.</summary>
public sealed record RegionHistoryView(string Region, IReadOnlyList<int> Checks, IReadOnlyList<int> Failures, IReadOnlyList<double?> LatencyMs, IReadOnlyList<double?> RecentLatencyMs);

/// <summary>The answer of <c>GET /api/v1/probing</c>: this silo's probe queue and how far its probes run behind schedule.</summary>
public sealed record ProbingView(string Silo, string Region, int Running, int Waiting, int MaxConcurrent, double WorstLagSeconds);
