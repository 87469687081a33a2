using System.Text.Json;

namespace ControlPlane.Silo.Cli;

/// <summary>What the API answered: the status, the body as JSON (when it is JSON) and as text.</summary>
internal sealed record ApiResponse(int Status, JsonElement? Json, string Text)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The exit code this answer maps to (see <see cref="ExitCodes.ForStatus"/>).</summary>
    public int ExitCode => ExitCodes.ForStatus(Status);

    /// <summary>The API's <c>error</c> and <c>details</c>, or the raw body.</summary>
    public string ErrorText()
    {
        if (Json is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("error", out var error))
        {
            return Text;
        }

        var details = body.TryGetProperty("details", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(d => d.ToString()).ToList()
            : [];
        if (body.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String)
        {
            details.Insert(0, $"field: {field.GetString()}");
        }

        return details.Count == 0 ? error.ToString() : $"{error}: {string.Join("; ", details)}";
    }
}
