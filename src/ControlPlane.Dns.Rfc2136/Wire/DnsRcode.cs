namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>
/// Response codes: the 4-bit header RCODE (RFC 1035, RFC 2136) and the 16-bit TSIG error codes
/// (RFC 8945) that share the same registry above 15.
/// </summary>
internal enum DnsRcode : ushort
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NXDomain = 3,
    NotImp = 4,
    Refused = 5,
    YXDomain = 6,
    YXRRSet = 7,
    NXRRSet = 8,
    NotAuth = 9,
    NotZone = 10,
    BadSig = 16,
    BadKey = 17,
    BadTime = 18,
    BadMode = 19,
    BadName = 20,
    BadAlg = 21,
    BadTrunc = 22,
}
