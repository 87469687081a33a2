namespace ControlPlane.Configuration.Silo;

/// <summary>The silo's HTTP API.</summary>
/// <param name="Listen">Absolute http or https URL with no path, for example <c>http://127.0.0.1:8480</c>.</param>
public sealed record ApiSettings(Uri Listen);
