namespace ControlPlane.Dns.Route53.Planning;

/// <summary>One change exceeds what a single Route 53 request may carry.</summary>
internal sealed class ChangeTooLargeException(string message) : Exception(message);
