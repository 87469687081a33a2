using System.Globalization;

namespace ControlPlane.Testing.Chaos;

/// <summary>Times in reports and messages: seconds with one decimal, whatever the culture.</summary>
internal static class Seconds
{
    public static string Of(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
