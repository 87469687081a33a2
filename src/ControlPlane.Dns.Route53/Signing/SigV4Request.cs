namespace ControlPlane.Dns.Route53.Signing;

/// <summary>The parts of an HTTP request that SigV4 signs.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The absolute path, not percent-encoded (the signer encodes each segment once).</param>
/// <param name="Query">Query parameters, not percent-encoded, in any order; names may repeat.</param>
/// <param name="Headers">Every header to sign, including <c>host</c> and <c>x-amz-date</c>; names may repeat.</param>
/// <param name="Body">The payload; empty for GET.</param>
internal sealed record SigV4Request(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body);
