using System.Text.Json;

namespace ControlPlane.Testing.Prometheus;

/// <summary>What <c>/api/v1/query</c> answered: an error (bad expression, failed evaluation), or a result with its number of series or samples.</summary>
public sealed record PrometheusQueryResult(string Query, string? Error, string? ResultType, int Count)
{
    public bool IsSuccess => Error is null;

    public bool HasData => IsSuccess && Count > 0;

    public static PrometheusQueryResult Parse(string query, int status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : "?";
                var error = root.TryGetProperty("error", out var e) ? e.GetString() : body;
                return new(query, $"{status} {type}: {error}", null, 0);
            }

            var data = root.GetProperty("data");
            var resultType = data.GetProperty("resultType").GetString();
            var result = data.GetProperty("result");
            var count = result.ValueKind == JsonValueKind.Array && resultType is "vector" or "matrix" ? result.GetArrayLength() : 1;
            return new(query, null, resultType, count);
        }
        catch (JsonException)
        {
            return new(query, $"{status}: not JSON: {body}", null, 0);
        }
    }
}
