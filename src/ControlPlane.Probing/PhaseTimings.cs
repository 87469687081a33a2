namespace ControlPlane.Probing;

/// <summary>The phases one check went through, as its executor measured them; the total is the engine's.</summary>
public readonly record struct PhaseTimings(TimeSpan? Dns, TimeSpan? Connect, TimeSpan? Tls, TimeSpan? FirstByte)
{
    /// <summary>Adds connect and TLS of two requests (steps of a transaction); first byte and DNS stay the first's.</summary>
    public PhaseTimings Then(PhaseTimings next) =>
        new(Dns ?? next.Dns, Sum(Connect, next.Connect), Sum(Tls, next.Tls), FirstByte ?? next.FirstByte);

    private static TimeSpan? Sum(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a + b;
}
