using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;

namespace ControlPlane.Probing.Http;

/// <summary>Reads the first bytes of a response body and applies a check's substring and regex assertions.</summary>
/// <remarks>
/// At most <see cref="ProbeEngineOptions.MaxBodyBytes"/> bytes are read into a pooled buffer;
/// the substring is searched as UTF-8 bytes, the regex runs over the UTF-8 decoded text (the
/// response charset is ignored). A regex is compiled once per distinct pattern and then shared
/// by every check that uses it; it runs with a match timeout so a pathological pattern cannot
/// stall the probe engine.
/// </remarks>
internal sealed class BodyMatcher(ProbeEngineOptions options)
{
    private const int MaxQuotedLength = 60;

    private readonly ConcurrentDictionary<string, CompiledPattern> _patterns = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="http"/> asserts anything about the body (if not, the body is never read).</summary>
    public static bool HasAssertions(HttpCheckDefinition http) =>
        !string.IsNullOrEmpty(http.BodyContains) || !string.IsNullOrEmpty(http.BodyRegex);

    /// <summary>Returns null when the body satisfies every assertion, otherwise the failure.</summary>
    public async ValueTask<CheckResult?> MatchAsync(HttpContent content, HttpCheckDefinition http, int statusCode, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(options.MaxBodyBytes);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            var length = 0;
            var limit = options.MaxBodyBytes;
            int read;
            while (length < limit && (read = await stream.ReadAsync(buffer.AsMemory(length, limit - length), cancellationToken)) > 0)
            {
                length += read;
            }

            var truncated = length == limit ? string.Create(CultureInfo.InvariantCulture, $" (first {limit} bytes read)") : "";
            return Match(buffer.AsSpan(0, length), http, statusCode, truncated);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private CheckResult? Match(ReadOnlySpan<byte> body, HttpCheckDefinition http, int statusCode, string truncated)
    {
        if (!string.IsNullOrEmpty(http.BodyContains) && !ContainsUtf8(body, http.BodyContains))
        {
            return new CheckResult(ObservationOutcome.BodyMismatch, $"body does not contain '{Quote(http.BodyContains)}'{truncated}", statusCode);
        }

        if (string.IsNullOrEmpty(http.BodyRegex))
        {
            return null;
        }

        var pattern = _patterns.GetOrAdd(http.BodyRegex, Compile);
        if (pattern.Regex is null)
        {
            return new CheckResult(ObservationOutcome.Error, $"body regex '{Quote(http.BodyRegex)}' is invalid: {pattern.Error}", statusCode);
        }

        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(body.Length));
        try
        {
            var count = Encoding.UTF8.GetChars(body, chars);
            return pattern.Regex.IsMatch(chars.AsSpan(0, count))
                ? null
                : new CheckResult(ObservationOutcome.BodyMismatch, $"body does not match regex '{Quote(http.BodyRegex)}'{truncated}", statusCode);
        }
        catch (RegexMatchTimeoutException)
        {
            return new CheckResult(
                ObservationOutcome.Error,
                $"body regex '{Quote(http.BodyRegex)}' did not finish within {DetailText.Milliseconds(options.RegexMatchTimeout)} ms",
                statusCode);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static bool ContainsUtf8(ReadOnlySpan<byte> body, string text)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var needle = maxBytes <= 256 ? stackalloc byte[maxBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var count = Encoding.UTF8.GetBytes(text, needle);
            return body.IndexOf(needle[..count]) >= 0;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private CompiledPattern Compile(string pattern)
    {
        try
        {
            return new CompiledPattern(
                new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, options.RegexMatchTimeout),
                null);
        }
        catch (ArgumentException exception)
        {
            return new CompiledPattern(null, exception.Message);
        }
    }

    private static string Quote(string text) => text.Length <= MaxQuotedLength ? text : text[..MaxQuotedLength] + "...";

    private sealed record CompiledPattern(Regex? Regex, string? Error);
}
