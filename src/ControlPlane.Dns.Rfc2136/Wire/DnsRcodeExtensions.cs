namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>The mnemonics operators know from dig and the RFCs (<c>NXRRSET</c>, <c>BADSIG</c>).</summary>
internal static class DnsRcodeExtensions
{
    public static string ToMnemonic(this DnsRcode rcode) => rcode switch
    {
        DnsRcode.NoError => "NOERROR",
        DnsRcode.FormErr => "FORMERR",
        DnsRcode.ServFail => "SERVFAIL",
        DnsRcode.NXDomain => "NXDOMAIN",
        DnsRcode.NotImp => "NOTIMP",
        DnsRcode.Refused => "REFUSED",
        DnsRcode.YXDomain => "YXDOMAIN",
        DnsRcode.YXRRSet => "YXRRSET",
        DnsRcode.NXRRSet => "NXRRSET",
        DnsRcode.NotAuth => "NOTAUTH",
        DnsRcode.NotZone => "NOTZONE",
        DnsRcode.BadSig => "BADSIG",
        DnsRcode.BadKey => "BADKEY",
        DnsRcode.BadTime => "BADTIME",
        DnsRcode.BadMode => "BADMODE",
        DnsRcode.BadName => "BADNAME",
        DnsRcode.BadAlg => "BADALG",
        DnsRcode.BadTrunc => "BADTRUNC",
        _ => $"RCODE{(ushort)rcode}",
    };

    /// <summary>True for the codes RFC 2136 3.2 returns when a prerequisite does not hold.</summary>
    public static bool IsPrerequisiteFailure(this DnsRcode rcode) =>
        rcode is DnsRcode.NXDomain or DnsRcode.YXDomain or DnsRcode.NXRRSet or DnsRcode.YXRRSet;
}
