using System.Text.Json;

namespace ControlPlane.Core.Assertions;

/// <summary>What one check observed, for its conditions; executors fill in what their kind observes.</summary>
/// <remarks>
/// The body is parsed as JSON at most once, the first time a condition asks for a path in it.
/// A value never observed reads as <see cref="MissingValue"/>, so the condition fails and says so.
/// </remarks>
public sealed class ConditionInputs : IDisposable
{
    private JsonDocument? _json;
    private string? _jsonError;
    private bool _jsonParsed;

    public int? Status { get; set; }

    /// <summary>The body as text (its first bytes, as the engine's body limit allows); null when not read.</summary>
    public string? Body { get; set; }

    /// <summary>Response headers by name (case-insensitive lookup is the caller's choice of dictionary).</summary>
    public Func<string, string?>? Header { get; set; }

    public TimeSpan? ResponseTime { get; set; }

    /// <summary>Time left until the certificate expires (negative once expired).</summary>
    public TimeSpan? CertificateExpiration { get; set; }

    public bool Connected { get; set; }

    public string? TlsVersion { get; set; }

    public string? DnsRcode { get; set; }

    public IReadOnlyList<string>? DnsAnswers { get; set; }

    public TimeSpan? DnsTtl { get; set; }

    public string? GrpcStatus { get; set; }

    /// <summary>The value of a placeholder without its path: a double, string, TimeSpan, bool, list, or a <see cref="MissingValue"/>.</summary>
    public object? Get(PlaceholderOperand placeholder)
    {
        var kind = placeholder.Kind;
        object? value = kind switch
        {
            PlaceholderKind.Status => Status is { } s ? (double)s : null,
            PlaceholderKind.Body => Body,
            PlaceholderKind.Header => Header?.Invoke(placeholder.Argument!),
            PlaceholderKind.ResponseTime => ResponseTime,
            PlaceholderKind.CertificateExpiration => CertificateExpiration,
            PlaceholderKind.Connected => Connected,
            PlaceholderKind.TlsVersion => TlsVersion,
            PlaceholderKind.DnsRcode => DnsRcode,
            PlaceholderKind.DnsAnswers => DnsAnswers,
            PlaceholderKind.DnsTtl => DnsTtl,
            PlaceholderKind.GrpcStatus => GrpcStatus,
            _ => null,
        };
        if (value is not null)
        {
            return value;
        }

        return new MissingValue(kind switch
        {
            PlaceholderKind.Header => $"no header '{placeholder.Argument}' in the response",
            PlaceholderKind.Body => "no body was read",
            PlaceholderKind.DnsTtl => "no answer records",
            PlaceholderKind.CertificateExpiration => "no certificate was seen",
            _ => "not observed",
        });
    }

    /// <summary>The body's JSON root, or a <see cref="MissingValue"/> saying why there is none.</summary>
    public object JsonRoot()
    {
        if (!_jsonParsed)
        {
            _jsonParsed = true;
            if (Body is null)
            {
                _jsonError = "no body was read";
            }
            else
            {
                try
                {
                    _json = JsonDocument.Parse(Body);
                }
                catch (JsonException e)
                {
                    _jsonError = $"the body is not JSON ({FirstSentence(e.Message)})";
                }
            }
        }

        return _json is { } json ? json.RootElement : new MissingValue(_jsonError!);
    }

    public void Dispose() => _json?.Dispose();

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}

/// <summary>A value the check did not observe, with the reason (<c>no such field</c>, <c>the body is not JSON</c>).</summary>
public sealed record MissingValue(string Reason);
