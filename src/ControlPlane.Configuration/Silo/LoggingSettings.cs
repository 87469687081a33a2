namespace ControlPlane.Configuration.Silo;

/// <summary>Where, how much and in which format the silo logs.</summary>
/// <param name="Level">Default <see cref="SiloLogLevel.Information"/>.</param>
/// <param name="File">Absolute path of a log file, written besides the console. Default none.</param>
/// <param name="Format">Default <see cref="SiloLogFormat.Text"/>; applies to the console and the file.</param>
public sealed record LoggingSettings(SiloLogLevel Level = SiloLogLevel.Information, string? File = null, SiloLogFormat Format = SiloLogFormat.Text);
