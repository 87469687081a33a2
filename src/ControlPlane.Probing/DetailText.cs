using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Probing;

/// <summary>Formats the pieces of observation details the same way in every executor.</summary>
internal static class DetailText
{
    public static string Endpoint(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"[{address}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{address}:{port}");

    public static long Milliseconds(TimeSpan duration) => (long)Math.Round(duration.TotalMilliseconds);

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Days(long days) => days is 1 or -1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(days)} days");

    public static string StatusSet(IReadOnlyList<StatusRange> ranges) => string.Join(", ", ranges);

    /// <summary>The innermost message, which names the actual cause ("Connection reset by peer").</summary>
    public static string Cause(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception.Message.TrimEnd('.');
    }
}
