namespace ControlPlane.Testing.Route53;

/// <summary>A key pair the local Route 53 accepts.</summary>
public sealed record FakeCredentials(string SecretAccessKey, string? SessionToken = null);
