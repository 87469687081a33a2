using System.CommandLine;
using System.Text.Json;

namespace ControlPlane.Silo.Cli;

/// <summary>The read commands over the cluster: <c>status</c>, <c>services</c>, <c>endpoints</c> (a viewer key is enough).</summary>
internal static class StatusCommands
{
    public static void AddTo(RootCommand root, ApiConnection api)
    {
        var status = new Command("status", "The cluster at a glance: its silos and each service's published records and endpoint health.");
        status.SetAction(parse => api.RunAsync(parse, StatusAsync));
        root.Subcommands.Add(status);

        var serviceId = new Argument<string?>("id") { Description = "One service: its detail (desired and published records, recent DNS changes)", Arity = ArgumentArity.ZeroOrOne };
        var services = new Command("services", "List services, or show one.") { serviceId };
        services.SetAction(parse => api.RunAsync(parse, (client, format) => ServicesAsync(client, format, parse.GetValue(serviceId))));
        root.Subcommands.Add(services);

        var endpointId = new Argument<string?>("id") { Description = "One endpoint: each region's verdict and recent decisions", Arity = ArgumentArity.ZeroOrOne };
        var service = new Option<string?>("--service") { Description = "Only the endpoints of this service" };
        var endpoints = new Command("endpoints", "List endpoints with their health, or show one.") { endpointId, service };
        endpoints.SetAction(parse => api.RunAsync(parse, (client, format) => EndpointsAsync(client, format, parse.GetValue(endpointId), parse.GetValue(service))));
        root.Subcommands.Add(endpoints);
    }

    private static async Task<int> StatusAsync(ApiClient client, OutputFormat format)
    {
        var cluster = await client.GetAsync("/api/v1/cluster", CancellationToken.None);
        if (!cluster.IsSuccess)
        {
            return CliOutput.Fail(client, cluster);
        }

        var services = await client.GetAsync("/api/v1/services", CancellationToken.None);
        if (!services.IsSuccess)
        {
            return CliOutput.Fail(client, services);
        }

        if (format == OutputFormat.Json)
        {
            CliOutput.Json(JsonSerializer.SerializeToElement(new { cluster = cluster.Json, services = services.Json }));
            return ExitCodes.Ok;
        }

        var silos = CliOutput.Table("silo", "region", "status", "address");
        foreach (var silo in cluster.Json!.Value.GetProperty("silos").EnumerateArray())
        {
            CliOutput.Row(silos, silo.Text("id") + (silo.Flag("self") ? " (answering)" : string.Empty), silo.Text("region"), silo.Text("status"), silo.Text("address"));
        }

        CliOutput.Write(silos);
        WriteServices(services.Json!.Value);
        return ExitCodes.Ok;
    }

    private static async Task<int> ServicesAsync(ApiClient client, OutputFormat format, string? id)
    {
        var response = await client.GetAsync(id is null ? "/api/v1/services" : $"/api/v1/services/{Uri.EscapeDataString(id)}", CancellationToken.None);
        if (!response.IsSuccess)
        {
            return CliOutput.Fail(client, response);
        }

        if (format == OutputFormat.Json)
        {
            CliOutput.Json(response.Json);
        }
        else if (id is null)
        {
            WriteServices(response.Json!.Value);
        }
        else
        {
            var service = response.Json!.Value;
            CliOutput.Line($"{service.Text("id")}: {service.Text("dnsName")} ({service.Text("policy")}, provider {service.Text("provider")}, ttl {service.Text("ttl")})");
            CliOutput.Line($"published: {Join(service, "published")}");
            WriteEndpoints(service.GetProperty("endpoints").EnumerateArray().Select(e => (service.Text("id"), e)));
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> EndpointsAsync(ApiClient client, OutputFormat format, string? id, string? serviceFilter)
    {
        if (id is not null)
        {
            var detail = await client.GetAsync($"/api/v1/endpoints/{Uri.EscapeDataString(id)}", CancellationToken.None);
            if (!detail.IsSuccess)
            {
                return CliOutput.Fail(client, detail);
            }

            if (format == OutputFormat.Json)
            {
                CliOutput.Json(detail.Json);
                return ExitCodes.Ok;
            }

            var endpoint = detail.Json!.Value;
            CliOutput.Line($"{endpoint.Text("id")} ({endpoint.Text("serviceId")}, {endpoint.Text("address")}:{endpoint.Text("port")}, {endpoint.Text("datacenter")}): {endpoint.Text("health")}"
                + (endpoint.Flag("damped") ? ", damped" : string.Empty) + (endpoint.Text("drain") is not null ? ", drained" : string.Empty));
            var regions = CliOutput.Table("region", "status", "verdict", "reported", "successes", "failures");
            foreach (var region in endpoint.GetProperty("regions").EnumerateArray())
            {
                CliOutput.Row(regions, region.Text("region"), region.Text("status"), region.Text("verdict"), region.Text("reportedAt"), region.Text("consecutiveSuccesses"), region.Text("consecutiveFailures"));
            }

            CliOutput.Write(regions);
            return ExitCodes.Ok;
        }

        var services = await client.GetAsync("/api/v1/services", CancellationToken.None);
        if (!services.IsSuccess)
        {
            return CliOutput.Fail(client, services);
        }

        var rows = services.Json!.Value.EnumerateArray()
            .Where(s => serviceFilter is null || s.Text("id") == serviceFilter)
            .SelectMany(s => s.GetProperty("endpoints").EnumerateArray().Select(e => (s.Text("id"), e)))
            .ToList();
        if (format == OutputFormat.Json)
        {
            CliOutput.Json(JsonSerializer.SerializeToElement(rows.Select(r => new { service = r.Item1, endpoint = r.e })));
        }
        else
        {
            WriteEndpoints(rows);
        }

        return ExitCodes.Ok;
    }

    private static void WriteServices(JsonElement services)
    {
        var table = CliOutput.Table("service", "dns name", "policy", "published", "healthy", "alerts");
        foreach (var service in services.EnumerateArray())
        {
            var endpoints = service.GetProperty("endpoints").EnumerateArray().ToList();
            var alerts = new List<string>();
            if (service.Flag("failedOpen"))
            {
                alerts.Add("failed open");
            }

            if (service.Flag("quorumAlert"))
            {
                alerts.Add("quorum");
            }

            CliOutput.Row(table, service.Text("id"), service.Text("dnsName"), service.Text("policy"), Join(service, "published"),
                $"{endpoints.Count(e => e.Text("health") == "healthy")}/{endpoints.Count}", alerts.Count == 0 ? "-" : string.Join(", ", alerts));
        }

        CliOutput.Write(table);
    }

    private static void WriteEndpoints(IEnumerable<(string? Service, JsonElement Endpoint)> endpoints)
    {
        var table = CliOutput.Table("endpoint", "service", "address", "datacenter", "priority", "health", "drained");
        foreach (var (service, e) in endpoints)
        {
            CliOutput.Row(table, e.Text("id"), service, e.Text("address"), e.Text("datacenter"), e.Text("priority"), e.Text("health"), e.Flag("drained") ? "yes" : "no");
        }

        CliOutput.Write(table);
    }

    private static string Join(JsonElement element, string name) =>
        element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? string.Join(", ", list.EnumerateArray().Select(v => v.ToString())) : "-";
}
