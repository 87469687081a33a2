using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ControlPlane.Api.Paging;

/// <summary>
/// The opaque <c>cursor</c> of list routes: the position (time, id) of the last item of a page, as
/// base64url. Clients pass back the <c>next</c> they were given; they must not build one.
/// </summary>
public static class PageCursor
{
    public static string Encode(DateTimeOffset at, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{id}"));

    public static bool TryDecode(string text, out DateTimeOffset at, out string id)
    {
        at = default;
        id = string.Empty;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(decoded.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > 253402300799999)
        {
            return false;
        }

        at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        id = decoded[(colon + 1)..];
        return true;
    }
}
