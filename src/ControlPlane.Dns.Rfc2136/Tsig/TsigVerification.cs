using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136.Tsig;

/// <summary>The outcome of <see cref="TsigSigner.Verify"/>.</summary>
/// <param name="Status">Verified, unsigned error or failed.</param>
/// <param name="Error">The TSIG error code the record carries (NOERROR when signed normally).</param>
/// <param name="Problem">Why verification failed; null otherwise.</param>
internal readonly record struct TsigVerification(TsigVerificationStatus Status, DnsRcode Error, string? Problem)
{
    public static TsigVerification Fail(string problem) => new(TsigVerificationStatus.Failed, DnsRcode.NoError, problem);
}
