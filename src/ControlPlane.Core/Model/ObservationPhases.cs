namespace ControlPlane.Core.Model;

/// <summary>Where the time of one check went; a phase the check did not go through is null.</summary>
/// <param name="Dns">A DNS check's query.</param>
/// <param name="Connect">TCP connect (summed over the steps of a transaction).</param>
/// <param name="Tls">TLS handshake (summed over the steps of a transaction).</param>
/// <param name="FirstByte">From the request sent to the response headers (the first step's, for a transaction).</param>
/// <param name="Total">The whole check.</param>
public sealed record ObservationPhases(TimeSpan? Dns, TimeSpan? Connect, TimeSpan? Tls, TimeSpan? FirstByte, TimeSpan Total)
{
    /// <summary>Metric label and value of each phase present: <c>dns</c>, <c>connect</c>, <c>tls</c>, <c>first_byte</c>, <c>total</c>.</summary>
    public IEnumerable<(string Phase, TimeSpan Duration)> Present()
    {
        if (Dns is { } dns)
        {
            yield return ("dns", dns);
        }

        if (Connect is { } connect)
        {
            yield return ("connect", connect);
        }

        if (Tls is { } tls)
        {
            yield return ("tls", tls);
        }

        if (FirstByte is { } firstByte)
        {
            yield return ("first_byte", firstByte);
        }

        yield return ("total", Total);
    }
}

/// <summary>The result of one step of a transaction, or of one child of a composite check.</summary>
/// <param name="Name">Step name or child check id.</param>
/// <param name="Outcome">Success or the kind of failure.</param>
/// <param name="Detail">Its one-line detail.</param>
/// <param name="Duration">How long it took.</param>
public sealed record CheckEvidence(string Name, ObservationOutcome Outcome, string Detail, TimeSpan Duration);
