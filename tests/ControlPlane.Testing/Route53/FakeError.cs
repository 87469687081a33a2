namespace ControlPlane.Testing.Route53;

/// <summary>An error the local Route 53 answers with the standard envelope.</summary>
public sealed record FakeError(int StatusCode, string Code, string Message);
