using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ControlPlane.Testing.Route53;

/// <summary>
/// Checks a request's SigV4 signature the way Route 53 does, independently of our signer: the canonical
/// request is rebuilt from the request as Kestrel received it, and the signature is computed by
/// AWSSDK.Core's <see cref="AWS4Signer"/>.
/// </summary>
internal static class FakeSigV4Verifier
{
    public const string Region = "us-east-1";
    public const string Service = "route53";

    /// <summary>Null when the signature is good; else the error Route 53 would answer.</summary>
    public static FakeError? Verify(HttpContext context, byte[] body, IReadOnlyDictionary<string, FakeCredentials> credentials, DateTimeOffset now)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return new FakeError(403, "MissingAuthenticationToken", "Missing Authentication Token");
        }

        if (!authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            return new FakeError(400, "IncompleteSignature", $"Unsupported authorization type: {authorization.Split(' ')[0]}");
        }

        var parts = authorization["AWS4-HMAC-SHA256 ".Length..]
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return new FakeError(400, "IncompleteSignature", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return new FakeError(400, "IncompleteSignature", $"Credential '{credential}' is not of the form access-key/date/region/service/aws4_request.");
        }

        if (!credentials.TryGetValue(scope[0], out var keys))
        {
            return new FakeError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        if (scope[2] != Region)
        {
            return new FakeError(403, "SignatureDoesNotMatch", $"Credential should be scoped to a valid region, not '{scope[2]}'.");
        }

        if (scope[3] != Service)
        {
            return new FakeError(403, "SignatureDoesNotMatch", $"Credential should be scoped to correct service: '{Service}'.");
        }

        var signed = signedHeaders.Split(';');
        if (!signed.Contains("host") || !signed.Contains("x-amz-date"))
        {
            return new FakeError(403, "SignatureDoesNotMatch", "Host and x-amz-date must be signed headers.");
        }

        var amzDate = context.Request.Headers["x-amz-date"].ToString();
        if (!DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt) || scope[1] != amzDate[..8])
        {
            return new FakeError(403, "SignatureDoesNotMatch", $"Invalid X-Amz-Date '{amzDate}' for credential date '{scope[1]}'.");
        }

        if ((now.UtcDateTime - signedAt).Duration() > TimeSpan.FromMinutes(5))
        {
            return new FakeError(403, "SignatureDoesNotMatch",
                $"Signature expired: {amzDate} is now earlier than {now.UtcDateTime.AddMinutes(-5):yyyyMMdd'T'HHmmss'Z'}");
        }

        if (keys.SessionToken is not null && context.Request.Headers["x-amz-security-token"] != keys.SessionToken)
        {
            return new FakeError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        var canonicalRequest = CanonicalRequest(context, body, signed);
        var expected = AWS4Signer.ComputeSignature(
            new ImmutableCredentials(scope[0], keys.SecretAccessKey, keys.SessionToken), Region, signedAt, Service, signedHeaders, canonicalRequest);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected.Signature), Encoding.ASCII.GetBytes(signature)))
        {
            return new FakeError(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        return null;
    }

    private static string CanonicalRequest(HttpContext context, byte[] body, string[] signedHeaders)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? rawTarget : rawTarget[..question];
        var rawQuery = question < 0 ? string.Empty : rawTarget[(question + 1)..];

        var path = string.Join('/', rawPath.Split('/').Select(s => Encode(Uri.UnescapeDataString(s))));
        var query = string.Join('&', rawQuery
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Encode(Uri.UnescapeDataString(p[0])), Value: Encode(Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var headers = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = context.Request.Headers[name].Select(v => string.Join(' ', (v ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            headers.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        return string.Join('\n', context.Request.Method, path, query, headers.ToString(), string.Join(';', signedHeaders),
            Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return builder.ToString();
    }
}
