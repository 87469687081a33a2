using ControlPlane.Core.Definitions;
using ControlPlane.Grains;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Endpoint.History;
using ControlPlane.Grains.Probe;
using ControlPlane.Probing.Scheduling;
using ControlPlane.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ControlPlane.Api.StatusPage;

/// <summary>The read-only endpoints the status page needs beyond the rest of <c>/api/v1</c>: <c>/history</c> and <c>/probing</c>.</summary>
public static class StatusApi
{
    /// <summary>Health-change decisions read per endpoint for its uptime; beyond this the oldest part of the window counts as unknown.</summary>
    private const int DecisionLimit = 2000;

    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/history", GetHistoryAsync).WithName("GetHistory");
        api.MapGet("/probing", GetProbing).WithName("GetProbing");
        return api;
    }

    private static async Task<IResult> GetHistoryAsync(HttpRequest request, ClusterContext cluster, IGrainFactory grains, IControlPlaneStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var definition = cluster.HasDefinition ? cluster.Definition.Cluster : null;
        var (query, errors) = HistoryQuery.Parse(request.Query, definition);
        if (errors.Count > 0)
        {
            return Results.BadRequest(new ApiError("invalid query", errors));
        }

        var now = time.GetUtcNow();
        var count = query.Hours * (int)(TimeSpan.FromHours(1) / CheckHistory.DayBucket);
        var uptime = Layout(now, CheckHistory.DayBucket, count);
        var recent = Layout(now, CheckHistory.HourBucket, CheckHistory.HourBuckets);
        var endpoints = new List<EndpointHistoryView>();
        foreach (var (service, endpoint) in Selected(definition, query))
        {
            var grain = grains.GetGrain<IEndpointGrain>(endpoint.Id);
            var snapshot = await grain.GetSnapshotAsync();
            var checks = await grain.GetCheckHistoryAsync();
            var decisions = await store.Audit.QueryDecisionsAsync(new AuditQuery(EndpointId: endpoint.Id, From: uptime.Start, To: now, Limit: DecisionLimit), cancellationToken);
            var series = UptimeBuckets.Compute(decisions, decisions.Count >= DecisionLimit, snapshot.Health, uptime.Start, CheckHistory.DayBucket, count, now);
            var regions = checks.Regions.Select(r => new RegionHistoryView(r.Region, Last(r.Day.Checks, count), Last(r.Day.Failures, count), Last(r.Day.LatencyMs, count), r.Hour.LatencyMs)).ToList();
            endpoints.Add(new EndpointHistoryView(endpoint.Id, service.Id, series.UptimePercent, series.Healthy, checks.Since, regions));
        }

        return Results.Ok(new HistoryView(now, uptime, recent, endpoints));
    }

    private static IResult GetProbing(ClusterContext cluster, ProbeAdmission admission, ProbeLag lag) =>
        Results.Ok(new ProbingView(cluster.Silo.Id, cluster.Silo.Region, admission.Running, admission.Waiting, admission.MaxConcurrent, Math.Round(lag.WorstRecent.TotalSeconds, 3)));

    private static IEnumerable<(ServiceDefinition Service, EndpointDefinition Endpoint)> Selected(ClusterDefinition? definition, HistoryQuery query) =>
        (definition?.Services ?? [])
            .Where(s => query.ServiceId is null || s.Id == query.ServiceId)
            .SelectMany(s => s.Endpoints.Select(e => (s, e)))
            .Where(p => query.EndpointId is null || p.e.Id == query.EndpointId);

    /// <summary><paramref name="count"/> buckets of <paramref name="width"/>, the last holding <paramref name="now"/>, aligned as <see cref="CheckBuckets"/> aligns them.</summary>
    private static BucketLayout Layout(DateTimeOffset now, TimeSpan width, int count)
    {
        var last = now.UtcTicks / width.Ticks;
        return new BucketLayout(new DateTimeOffset((last - count + 1) * width.Ticks, TimeSpan.Zero), (int)width.TotalSeconds, count);
    }

    private static IReadOnlyList<T> Last<T>(IReadOnlyList<T> values, int count) => values.Skip(Math.Max(0, values.Count - count)).ToList();
}
