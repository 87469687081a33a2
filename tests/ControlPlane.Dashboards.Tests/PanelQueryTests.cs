using System.Globalization;
using System.Net;
using System.Text;
using ControlPlane.Dashboards.Tests.Grafana;
using ControlPlane.Testing;
using ControlPlane.Testing.Prometheus;
using ControlPlane.Testing.Silos;
using Xunit.Abstractions;

namespace ControlPlane.Dashboards.Tests;

/// <summary>
/// Every panel query of every dashboard, evaluated by a real Prometheus (Debian's) that scrapes a real
/// cluster of three silo processes in three regions, with the alert rules loaded. Run under the lock:
/// <c>flock /work/heavy.lock dotnet test tests/ControlPlane.Dashboards.Tests --filter PanelQueryTests</c>.
/// </summary>
/// <remarks>
/// The cluster is made to show what the dashboards are about: service <c>web</c> fails over (one of
/// its two targets goes down), service <c>dead</c> fails open (its only endpoint has no listener) and
/// has its zone file changed by hand (drift, repaired), service <c>api</c> publishes through a
/// provider whose zone file cannot be written (failed DNS changes). Then each query is expanded as
/// Grafana would expand it, twice: with every variable at its all value (<c>.*</c>), where it must
/// return data unless <see cref="PanelsWithoutData"/> names it, and with each variable at the first
/// of its label values, where it must execute without error.
/// </remarks>
public sealed class PanelQueryTests
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Bounds for events that take seconds on an idle machine; generous, since three silos starting
    /// at once on a busy 2-core machine (other builds and tests) can take over 30 s to join.
    /// </summary>
    private static readonly TimeSpan SiloStart = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;

    public PanelQueryTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Every_panel_query_returns_data_from_prometheus_scraping_a_real_cluster()
    {
        // Nothing listens there: probes of dead-a and api-a fail from every region.
        var dead = LoopbackAddresses.Next();
        var deadPort = LoopbackAddresses.FreePort(dead);
        var extras = new ClusterDefinitionExtras(
            Providers:
            [
                "{ id: side, type: zonefile, zone: example.test., path: side/example.test.zone }",
                "{ id: unwritable, type: zonefile, zone: example.test., path: blocked/example.test.zone }",
            ],
            Services:
            [
                $"{{ id: dead, dns: {{ provider: side, name: dead.example.test., ttl: 30, reconcileEvery: 2s }}, policy: failover, check: http, endpoints: [ {{ id: dead-a, address: {dead}, port: {deadPort}, datacenter: dc1 }} ] }}",
                $"{{ id: api, dns: {{ provider: unwritable, name: api.example.test., ttl: 30 }}, policy: failover, check: http, endpoints: [ {{ id: api-a, address: {dead}, port: {deadPort}, datacenter: dc1 }} ] }}",
            ]);
        await using var scenario = await ClusterScenario.CreateAsync(null, extras, "web-a", "web-b");
        await File.WriteAllTextAsync(Path.Combine(scenario.Directory, "blocked"), "a file where the provider needs a folder\n");
        await scenario.StartOneSiloPerRegionAsync(SiloStart);

        var address = LoopbackAddresses.Next();
        var silos = scenario.Silos.Values.Select(s => s.Api.Authority).ToList();
        await using var prometheus = await PrometheusServer.StartAsync(
            address, LoopbackAddresses.FreePort(address), ScrapeInterval,
            [new PrometheusScrape("controlplane", silos)],
            [RepositoryPaths.Of("deploy", "prometheus", "rules.yml")]);
        var started = DateTime.UtcNow;

        await scenario.WaitForPublishedAsync(Converge, "web-a", "web-b");
        using (var http = new HttpClient())
        {
            using var down = await http.PostAsync($"http://{scenario.Endpoints["web-b"]}/_demo/down", null);
            down.EnsureSuccessStatusCode();
        }

        await scenario.WaitForPublishedAsync(Converge, "web-a");
        var sideZone = Path.Combine(scenario.Directory, "side", "example.test.zone");
        await scenario.WaitForAsync(() => Task.FromResult(File.Exists(sideZone)), Converge, "service dead published (failed open)");
        await File.WriteAllTextAsync(sideZone, "$ORIGIN example.test.\ndead.example.test. 30 IN A 192.0.2.99\n");

        var dashboards = Dashboard.LoadAll();
        var report = new StringBuilder();
        var missing = await WaitForDataAsync(prometheus, dashboards, started, Converge * 2, report);
        _output.WriteLine(report.ToString());
        Assert.True(missing.Count == 0, $"panel queries without data or with errors:\n{string.Join("\n", missing)}\n\nprometheus:\n{prometheus.Output}");

        var errors = new List<string>();
        foreach (var dashboard in dashboards)
        {
            var values = await FirstValuesAsync(prometheus, dashboard, started);
            foreach (var query in dashboard.Queries())
            {
                var result = await prometheus.QueryAsync(PromQlTemplate.Expand(query.Expr, values));
                if (!result.IsSuccess)
                {
                    errors.Add($"{query.Key} with {Describe(values)}: {result.Error}");
                }
            }
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await AssertRulesEvaluateAsync(prometheus);
    }

    [Fact]
    public void The_exemptions_name_existing_queries_and_variables()
    {
        var queries = Dashboard.LoadAll().SelectMany(d => d.Queries()).Select(q => q.Key).ToHashSet();
        Assert.All(PanelsWithoutData.Queries.Keys, key => Assert.Contains(key, queries));
        var variables = Dashboard.LoadAll().SelectMany(d => d.Variables().Select(v => $"{d.Uid} / {v.Name}")).ToHashSet();
        Assert.All(PanelsWithoutData.Variables.Keys, key => Assert.Contains(key, variables));
    }

    /// <summary>Polls until every query not exempt returns data with all variables at their all value; returns those that never did.</summary>
    private static async Task<List<string>> WaitForDataAsync(PrometheusServer prometheus, IReadOnlyList<Dashboard> dashboards, DateTime started, TimeSpan timeout, StringBuilder report)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var missing = new List<string>();
            report.Clear();
            foreach (var dashboard in dashboards)
            {
                var values = AllValues(dashboard, started);
                foreach (var query in dashboard.Queries())
                {
                    var result = await prometheus.QueryAsync(PromQlTemplate.Expand(query.Expr, values));
                    var exempt = PanelsWithoutData.Queries.TryGetValue(query.Key, out var reason);
                    report.AppendLine(CultureInfo.InvariantCulture, $"{(result.HasData ? "data   " : result.IsSuccess ? "no data" : "ERROR  ")} {result.Count,3} {query.Key}{(exempt ? $"  (exempt: {reason})" : string.Empty)}");
                    if (!result.IsSuccess || (!result.HasData && !exempt))
                    {
                        missing.Add($"{query.Key}: {result.Error ?? "no data"}\n    {result.Query}");
                    }
                }
            }

            if (missing.Count == 0 || DateTime.UtcNow > deadline || missing.Any(m => !m.Contains(": no data", StringComparison.Ordinal)))
            {
                return missing;
            }

            await Task.Delay(ScrapeInterval);
        }
    }

    /// <summary>Each rule of rules.yml evaluated by Prometheus without error (health "ok") on the cluster's series.</summary>
    private static async Task AssertRulesEvaluateAsync(PrometheusServer prometheus)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var rules = await prometheus.RulesAsync();
        while (rules.Any(r => r.Health == "unknown") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(ScrapeInterval);
            rules = await prometheus.RulesAsync();
        }

        Assert.Equal(AlertRulesTests.ExpectedAlerts.Order(StringComparer.Ordinal), rules.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(rules, r => Assert.True(r.Health == "ok", $"rule {r.Name}: {r.Health} {r.Error}"));
    }

    /// <summary>Grafana's built-in variables for a dashboard showing everything since <paramref name="started"/>.</summary>
    private static Dictionary<string, string> BuiltIns(DateTime started)
    {
        // $__interval is the step Grafana picks (at least the scrape interval); $__rate_interval is
        // max($__interval + scrape interval, 4 x scrape interval), as Grafana computes it.
        var interval = TimeSpan.FromSeconds(2);
        var rate = TimeSpan.FromTicks(Math.Max((interval + ScrapeInterval).Ticks, (ScrapeInterval * 4).Ticks));
        var range = (long)Math.Ceiling((DateTime.UtcNow - started).TotalSeconds);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__interval"] = $"{interval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s",
            ["__interval_ms"] = interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["__rate_interval"] = $"{rate.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s",
            ["__range"] = $"{range.ToString(CultureInfo.InvariantCulture)}s",
            ["__range_s"] = range.ToString(CultureInfo.InvariantCulture),
            ["__range_ms"] = (range * 1000).ToString(CultureInfo.InvariantCulture),
        };
    }

    private static Dictionary<string, string> AllValues(Dashboard dashboard, DateTime started)
    {
        var values = BuiltIns(started);
        foreach (var variable in dashboard.Variables().Where(v => v.Type == "query"))
        {
            values[variable.Name] = variable.AllValue!;
        }

        return values;
    }

    /// <summary>Each query variable at the first of its label_values (computed in order, as later ones may use earlier ones).</summary>
    private static async Task<Dictionary<string, string>> FirstValuesAsync(PrometheusServer prometheus, Dashboard dashboard, DateTime started)
    {
        var values = BuiltIns(started);
        foreach (var variable in dashboard.Variables().Where(v => v.Type == "query"))
        {
            var (match, label) = variable.LabelValues()!.Value;
            var found = await prometheus.LabelValuesAsync(label, PromQlTemplate.Expand(match, values));
            if (found.Count == 0)
            {
                Assert.True(
                    PanelsWithoutData.Variables.ContainsKey($"{dashboard.Uid} / {variable.Name}"),
                    $"{dashboard.Uid}: variable {variable.Name} ({variable.Query}) has no values");
                values[variable.Name] = variable.AllValue!;
                continue;
            }

            values[variable.Name] = PromQlTemplate.RegexValue(found[0]);
        }

        return values;
    }

    private static string Describe(Dictionary<string, string> values) =>
        string.Join(", ", values.Where(v => !v.Key.StartsWith("__", StringComparison.Ordinal)).Select(v => $"${v.Key}={v.Value}"));
}
