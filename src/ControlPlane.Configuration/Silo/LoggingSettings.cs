namespace ControlPlane.Configuration.Silo;

/// <summary>Where and how much the silo logs.</summary>
/// <param name="Level">Default <see cref="SiloLogLevel.Information"/>.</param>
/// <param name="File">Absolute path of a log file, written besides the console. Default none.</param>
public sealed record LoggingSettings(SiloLogLevel Level = SiloLogLevel.Information, string? File = null);
