namespace ControlPlane.Dns.Rfc2136.Tsig;

/// <summary>How a response's TSIG record checked out.</summary>
internal enum TsigVerificationStatus
{
    /// <summary>Signed with our key, MAC correct, time within the fudge.</summary>
    Verified,

    /// <summary>
    /// An unsigned error response (MAC size 0 with BADSIG or BADKEY), as RFC 8945 5.3.2 makes the
    /// server send when it could not verify our request. It authenticates nothing; it can only
    /// make us give up.
    /// </summary>
    UnsignedError,

    /// <summary>No TSIG record, another key, a wrong MAC or a time outside the fudge: the response is rejected.</summary>
    Failed,
}
