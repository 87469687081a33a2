using System.Globalization;
using ControlPlane.Core.Definitions;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Api.StatusPage;

/// <summary>The validated query of <c>GET /api/v1/history</c>: <c>service</c>, <c>endpoint</c> (ids in the current definition) and <c>hours</c> (1 to 24, default 24).</summary>
internal sealed record HistoryQuery(string? ServiceId, string? EndpointId, int Hours)
{
    public const int DefaultHours = 24;
    private static readonly string[] Known = ["service", "endpoint", "hours"];

    /// <summary>Every problem, each naming its parameter; empty when the query is valid.</summary>
    public static (HistoryQuery Query, List<string> Errors) Parse(IQueryCollection query, ClusterDefinition? definition)
    {
        var errors = new List<string>();
        foreach (var key in query.Keys.Where(k => !Known.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            errors.Add($"{key}: unknown query parameter (known: {string.Join(", ", Known)})");
        }

        foreach (var key in Known.Where(k => query[k].Count > 1))
        {
            errors.Add($"{key}: given {query[key].Count} times, at most once");
        }

        var service = Single(query, "service");
        if (service is not null && definition?.FindService(service) is null)
        {
            errors.Add($"service: no service '{service}' in the current cluster definition");
        }

        var endpoint = Single(query, "endpoint");
        if (endpoint is not null && definition?.FindEndpoint(endpoint) is null)
        {
            errors.Add($"endpoint: no endpoint '{endpoint}' in the current cluster definition");
        }

        var hours = DefaultHours;
        if (Single(query, "hours") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out hours) || hours is < 1 or > 24))
        {
            errors.Add($"hours: '{text}' must be a whole number from 1 to 24");
            hours = DefaultHours;
        }

        return (new HistoryQuery(service, endpoint, hours), errors);
    }

    private static string? Single(IQueryCollection query, string key) => query[key].FirstOrDefault();
}
