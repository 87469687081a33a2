using System.Globalization;
using System.Net;
using System.Text;
using ControlPlane.Core.Model;
using ControlPlane.Grains;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Placement;
using ControlPlane.Grains.Probe;
using ControlPlane.Grains.Service;
using ControlPlane.Probing.Scheduling;
using ControlPlane.Storage;
using Microsoft.AspNetCore.Http;
using Orleans.Runtime;

namespace ControlPlane.Api;

/// <summary>The human-readable status view: what each region sees, what was decided and why, what DNS holds.</summary>
internal static class StatusPage
{
    private const string Style = """
        body{font:14px system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}
        table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f3f3f3}.healthy,.up{background:#d7f5d7}.unhealthy,.down{background:#f8d0d0}.unknown,.stale,.missing,.undecided{background:#eee}
        .alert{background:#ffe7a8}.muted{color:#777}code{font-size:13px}
        """;

    public static async Task<IResult> RenderAsync(ClusterContext cluster, IGrainFactory grains, IControlPlaneStore store,
        IClusterMembershipService membership, SiloRegions regions, ProbeAdmission admission, ProbeLag lag, CancellationToken cancellationToken)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\"><title>ControlPlane status</title><style>")
            .Append(Style).Append("</style></head><body>");
        var silo = cluster.Silo;
        html.Append(CultureInfo.InvariantCulture, $"<h1>ControlPlane: silo {E(silo.Id)}</h1><p>region <b>{E(silo.Region)}</b>, datacenter <b>{E(silo.Datacenter)}</b>, ");
        if (!cluster.HasDefinition)
        {
            html.Append("no cluster definition applied yet.</p></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }

        var definition = cluster.Definition.Cluster;
        html.Append(CultureInfo.InvariantCulture, $"cluster definition v{cluster.Definition.Version}, regions {E(string.Join(", ", definition.Regions.Select(r => r.Id)))}.</p>");
        AppendProbing(html, admission, lag);
        AppendCluster(html, membership, regions);
        foreach (var service in definition.Services)
        {
            var snapshot = await grains.GetGrain<IServiceGrain>(service.Id).GetSnapshotAsync();
            var failedOpen = snapshot.Desired?.FailedOpen == true;
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(service.Id)} <span class=\"muted\">{E(service.Dns.Name)} ({service.Policy.ToString().ToLowerInvariant()}, ttl {service.Dns.Ttl})</span></h2>");
            html.Append(CultureInfo.InvariantCulture, $"<p>DNS holds <code>{E(string.Join(", ", snapshot.Published))}</code>");
            if (failedOpen)
            {
                html.Append(CultureInfo.InvariantCulture, $" <span class=\"alert\">FAIL OPEN: {E(snapshot.Desired!.FailOpenReason!)}</span>");
            }

            if (snapshot.LastError is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $" <span class=\"alert\">DNS error: {E(snapshot.LastError)}</span>");
            }

            html.Append("</p><table><tr><th>endpoint</th><th>address</th><th>dc</th><th>tier</th><th>health</th>");
            foreach (var region in definition.Regions)
            {
                html.Append(CultureInfo.InvariantCulture, $"<th>{E(region.Id)}</th>");
            }

            html.Append("</tr>");
            foreach (var endpoint in service.Endpoints)
            {
                var e = await grains.GetGrain<IEndpointGrain>(endpoint.Id).GetSnapshotAsync();
                var health = e.Health.ToString().ToLowerInvariant();
                var notes = (e.Drain is { } d ? $" drained by {d.Actor}: {d.Reason}" : "") + (e.QuorumAlert ? " QUORUM ALERT" : "") + (e.Damped ? " damped" : "");
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"/api/v1/endpoints/{E(endpoint.Id)}\">{E(endpoint.Id)}</a></td><td>{E(endpoint.Address.ToString())}</td><td>{E(endpoint.Datacenter)}</td><td>{endpoint.Priority}</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"{health}{(e.QuorumAlert ? " alert" : "")}\">{health}{E(notes)}</td>");
                foreach (var region in definition.Regions)
                {
                    var r = e.Quorum?.Regions.FirstOrDefault(x => x.Region == region.Id);
                    var status = r?.Status.ToString().ToLowerInvariant() ?? "missing";
                    var verdict = r?.Verdict.ToString().ToLowerInvariant() ?? "unknown";
                    var css = status == "reporting" ? verdict : status;
                    var detail = r?.LastObservation is { } o ? $"{o.Outcome}: {o.Detail} ({o.Duration.TotalMilliseconds:0} ms)" : "no observation";
                    html.Append(CultureInfo.InvariantCulture, $"<td class=\"{css}\" title=\"{E(detail)}\">{verdict} <span class=\"muted\">{status}</span><br><small>{E(detail)}</small></td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
        }

        var decisions = await store.Audit.QueryDecisionsAsync(new AuditQuery(Limit: 20), cancellationToken);
        html.Append("<h2>Recent decisions</h2><table><tr><th>time (UTC)</th><th>endpoint</th><th>kind</th><th>change</th><th>reason</th></tr>");
        foreach (var d in decisions)
        {
            var change = d.Kind == DecisionKind.HealthChanged ? $"{d.From} -> {d.To}" : "";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{d.At:yyyy-MM-dd HH:mm:ss.fff}</td><td>{E(d.EndpointId)}</td><td>{d.Kind}</td><td>{E(change)}</td><td>{E(d.Reason)}{(d.Actor is null ? "" : E($" (by {d.Actor})"))}</td></tr>");
        }

        html.Append("</table>");
        var changes = await store.Audit.QueryDnsChangesAsync(new AuditQuery(Limit: 20), cancellationToken);
        html.Append("<h2>Recent DNS changes</h2><table><tr><th>time (UTC)</th><th>service</th><th>name</th><th>before</th><th>after</th><th>reason</th></tr>");
        foreach (var c in changes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{c.At:yyyy-MM-dd HH:mm:ss.fff}</td><td>{E(c.ServiceId)}</td><td>{E(c.Name)}</td><td>{E(string.Join(", ", c.Before))}</td><td>{E(string.Join(", ", c.After))}</td><td>{E(c.Reason)}</td></tr>");
        }

        html.Append("</table><p class=\"muted\">JSON: <a href=\"/api/v1/services\">/api/v1/services</a>, <a href=\"/api/v1/decisions\">/api/v1/decisions</a>, <a href=\"/metrics\">/metrics</a>, <a href=\"/openapi/v1.json\">/openapi/v1.json</a></p></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static void AppendProbing(StringBuilder html, ProbeAdmission admission, ProbeLag lag)
    {
        var worst = lag.WorstRecent;
        var css = worst > TimeSpan.FromSeconds(1) ? " class=\"alert\"" : string.Empty;
        html.Append(CultureInfo.InvariantCulture,
            $"<p{css}>This silo's checks: {admission.Running} running, {admission.Waiting} waiting for a slot (limit {admission.MaxConcurrent}); worst lag behind schedule in the last minute {worst.TotalSeconds:0.00} s{(css.Length > 0 ? ": more checks than it can run on time, intervals stretched" : string.Empty)}.</p>");
    }

    private static void AppendCluster(StringBuilder html, IClusterMembershipService membership, SiloRegions regions)
    {
        html.Append("<h2>Cluster</h2><table><tr><th>silo</th><th>region</th><th>address</th><th>status</th></tr>");
        foreach (var member in membership.CurrentSnapshot.Members.Values.Where(m => m.Status != SiloStatus.Dead).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var status = member.Status.ToString().ToLowerInvariant();
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(regions.SiloIdOf(member.SiloAddress) ?? member.Name)}</td><td>{E(regions.RegionOf(member.SiloAddress) ?? "?")}</td><td>{E(member.SiloAddress.ToParsableString())}</td><td class=\"{(status == "active" ? "up" : "alert")}\">{status}</td></tr>");
        }

        html.Append("</table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
