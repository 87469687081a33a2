namespace ControlPlane.Grains.Endpoint.History;

/// <summary>Consecutive buckets from <paramref name="Start"/>, each <paramref name="Width"/> long: checks, failed checks and the mean latency of successful checks (null without one).</summary>
[GenerateSerializer, Alias("controlplane.check-bucket-series")]
public sealed record CheckBucketSeries(
    DateTimeOffset Start,
    TimeSpan Width,
    IReadOnlyList<int> Checks,
    IReadOnlyList<int> Failures,
    IReadOnlyList<double?> LatencyMs);
