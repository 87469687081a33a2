namespace ControlPlane.Configuration.Silo;

/// <summary>The lowest level of log event written (Serilog's names).</summary>
public enum SiloLogLevel
{
    Verbose,
    Debug,
    Information,
    Warning,
    Error,
}
