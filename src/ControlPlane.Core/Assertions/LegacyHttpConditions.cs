using System.Globalization;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Assertions;

/// <summary>The conditions the older HTTP assertion fields stand for.</summary>
/// <remarks>
/// <c>expectStatus</c>, <c>bodyContains</c>, <c>bodyRegex</c>, <c>maxLatency</c> and
/// <c>certificateMinDaysValid</c> are shorthands: a check that uses only them runs on the
/// HTTP executor's direct path (same results, details and speed as before), and a check that
/// also has conditions or steps evaluates their translation below together with its conditions.
/// </remarks>
public static class LegacyHttpConditions
{
    public static IReadOnlyList<Condition> For(HttpCheckDefinition http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var scope = http.Tls ? ConditionScope.Https : ConditionScope.Http;
        var texts = new List<string>();
        if (http.CertificateMinDaysValid > 0)
        {
            texts.Add(string.Create(CultureInfo.InvariantCulture, $"[CERTIFICATE_EXPIRATION] >= {http.CertificateMinDaysValid}d"));
        }

        var ranges = http.ExpectedStatus.Select(r => r.From == r.To
            ? r.From.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{r.From}..{r.To}"));
        texts.Add(http.ExpectedStatus.Count == 1 ? $"[STATUS] == {ranges.Single()}" : $"[STATUS] == any({string.Join(", ", ranges)})");
        if (!string.IsNullOrEmpty(http.BodyContains))
        {
            texts.Add($"[BODY] contains {Quote(http.BodyContains)}");
        }

        if (!string.IsNullOrEmpty(http.BodyRegex))
        {
            texts.Add($"[BODY] =~ {Quote(http.BodyRegex)}");
        }

        if (http.MaxLatency is { } latency)
        {
            texts.Add(string.Create(CultureInfo.InvariantCulture, $"[RESPONSE_TIME] <= {(long)latency.TotalMilliseconds}ms"));
        }

        return texts.Select(text => ConditionParser.Parse(text, scope)).ToList();
    }

    /// <summary>A text literal of the condition language.</summary>
    public static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
