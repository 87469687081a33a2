namespace ControlPlane.Dns.Route53.Signing;

/// <summary>A computed signature and the intermediate strings, which the test vectors check one by one.</summary>
/// <param name="CanonicalRequest">Task 1 of the signing process.</param>
/// <param name="StringToSign">Task 2.</param>
/// <param name="Signature">Task 3: lower-case hex HMAC-SHA256.</param>
/// <param name="SignedHeaders">Lower-case header names joined by <c>;</c>.</param>
/// <param name="Authorization">The <c>Authorization</c> header value.</param>
internal sealed record SigV4Signature(
    string CanonicalRequest,
    string StringToSign,
    string Signature,
    string SignedHeaders,
    string Authorization);
