namespace ControlPlane.Testing.Route53;

/// <summary>A request the schema check refuses (InvalidInput).</summary>
internal sealed class FakeInputException(string message) : Exception(message);
