namespace ControlPlane.Grains.Endpoint.History;

/// <summary>What <see cref="CheckHistory"/> holds, per region (ordered by region), and since when.</summary>
[GenerateSerializer, Alias("controlplane.check-history")]
public sealed record CheckHistorySnapshot(DateTimeOffset Since, IReadOnlyList<RegionCheckHistory> Regions);

/// <summary>One region's checks of an endpoint: the last day in quarter hours, the last hour in minutes.</summary>
[GenerateSerializer, Alias("controlplane.region-check-history")]
public sealed record RegionCheckHistory(string Region, CheckBucketSeries Day, CheckBucketSeries Hour);
