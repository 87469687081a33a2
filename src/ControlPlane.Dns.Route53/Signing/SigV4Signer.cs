using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Dns.Route53.Signing;

/// <summary>AWS Signature Version 4 (header form), checked against AWS's published test suite.</summary>
/// <remarks>
/// The four steps of the SigV4 documentation:
/// <list type="number">
/// <item>Canonical request: method, the path with each segment percent-encoded (RFC 3986 unreserved
/// characters kept), the query sorted by encoded name then value, the headers lower-cased, trimmed,
/// inner runs of spaces collapsed and repeated names joined with commas, sorted by name, the signed
/// header list, and the hex SHA-256 of the body.</item>
/// <item>String to sign: algorithm, <c>x-amz-date</c>, the scope <c>date/region/service/aws4_request</c>
/// and the hex SHA-256 of the canonical request.</item>
/// <item>Signing key: HMAC chain over date, region, service and <c>aws4_request</c>, keyed by
/// <c>"AWS4" + secret</c>.</item>
/// <item>The signature is the hex HMAC of the string to sign; it goes in the <c>Authorization</c> header.</item>
/// </list>
/// Every header given is signed: the caller decides which ones to pass (Route 53 needs <c>host</c>,
/// <c>x-amz-date</c> and, for temporary credentials, <c>x-amz-security-token</c>). Paths are encoded once,
/// as the test suite expects; Route 53 paths hold only unreserved characters, so single and double
/// encoding agree there.
/// </remarks>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The <c>x-amz-date</c> format: <c>yyyyMMdd'T'HHmmss'Z'</c>, UTC.</summary>
    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static SigV4Signature Sign(SigV4Request request, SigningCredentials credentials, string region, string service, DateTimeOffset time)
    {
        var amzDate = FormatAmzDate(time);
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";

        var (canonicalHeaders, signedHeaders) = CanonicalHeaders(request.Headers);
        var canonicalRequest = string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalPath(request.Path),
            CanonicalQuery(request.Query),
            canonicalHeaders,
            signedHeaders,
            HexSha256(request.Body.Span));

        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, HexSha256(Encoding.UTF8.GetBytes(canonicalRequest)));

        var key = SigningKey(credentials.SecretAccessKey, date, region, service);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(canonicalRequest, stringToSign, signature, signedHeaders, authorization);
    }

    /// <summary>Percent-encodes everything but RFC 3986 unreserved characters, as UTF-8, with upper-case hex.</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>The path as it is sent and signed: each segment encoded, the slashes kept.</summary>
    public static string CanonicalPath(string path) =>
        string.IsNullOrEmpty(path) ? "/" : string.Join('/', path.Split('/').Select(UriEncode));

    public static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string>> query) =>
        string.Join('&', query
            .Select(p => (Name: UriEncode(p.Key), Value: UriEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    private static (string Canonical, string Signed) CanonicalHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var grouped = headers
            .GroupBy(h => h.Key.Trim().ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => CollapseSpaces(h.Value)))))
            .ToList();
        var canonical = new StringBuilder();
        foreach (var (name, value) in grouped)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        return (canonical.ToString(), string.Join(';', grouped.Select(h => h.Name)));
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Trim())
        {
            if (c is ' ' or '\t')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    private static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
