namespace ControlPlane.Configuration.Silo;

/// <summary>How log events are written to the console and the log file.</summary>
public enum SiloLogFormat
{
    /// <summary>One line of text per event, for people.</summary>
    Text,

    /// <summary>Compact JSON (CLEF), one object per line, for log shippers.</summary>
    Json,
}
