using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Core.Webhooks;

/// <summary>The request signature: <c>v1=</c> and the hex HMAC-SHA256, keyed by the secret, of <c>timestamp + "." + body</c>.</summary>
/// <remarks>
/// The timestamp (Unix seconds, in <see cref="TimestampHeader"/>) is inside the signed text, so a
/// receiver that rejects old timestamps also rejects replays of a captured request. Docs/webhooks.md
/// has a verification example.
/// </remarks>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-ControlPlane-Timestamp";
    public const string SignatureHeader = "X-ControlPlane-Signature";
    public const string Scheme = "v1";

    /// <summary>The <see cref="SignatureHeader"/> value for this body, sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        var text = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{timestamp}.{body}"));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), text);
        return $"{Scheme}={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>True when <paramref name="header"/> is the signature of this body (constant-time comparison).</summary>
    public static bool Verify(string secret, long timestamp, string body, string header) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(header));
}
