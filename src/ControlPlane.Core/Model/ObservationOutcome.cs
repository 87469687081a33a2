namespace ControlPlane.Core.Model;

/// <summary>Why a single probe result counts as a success or a failure.</summary>
public enum ObservationOutcome
{
    Success,

    /// <summary>TCP connect did not complete within the connect timeout, or was refused.</summary>
    ConnectFailed,

    /// <summary>The check did not finish within its total timeout.</summary>
    Timeout,

    /// <summary>The HTTP status was not in the expected set.</summary>
    UnexpectedStatus,

    /// <summary>The body did not contain the expected substring or match the expected pattern.</summary>
    BodyMismatch,

    /// <summary>The check succeeded but took longer than its latency limit.</summary>
    TooSlow,

    /// <summary>The TLS certificate was invalid, untrusted, or closer to expiry than allowed.</summary>
    CertificateInvalid,

    /// <summary>Any other error (TLS handshake, protocol error, refused target address).</summary>
    Error,

    /// <summary>A condition of the check (or of one of its steps) did not hold.</summary>
    AssertionFailed,
}
