namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>
/// Route 53 returns ids as <c>/hostedzone/Z…</c> and <c>/change/C…</c> but wants bare ids in paths;
/// every SDK strips the prefix, and so do we, wherever an id comes from (settings or responses).
/// </summary>
internal static class Route53Ids
{
    public static string HostedZone(string id) => Strip(id, "/hostedzone/");

    public static string Change(string id) => Strip(id, "/change/");

    private static string Strip(string id, string prefix)
    {
        var trimmed = id.Trim();
        if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return trimmed[prefix.Length..];
        }

        // Also accept the prefix without its leading slash ("hostedzone/Z1").
        return trimmed.StartsWith(prefix[1..], StringComparison.OrdinalIgnoreCase) ? trimmed[(prefix.Length - 1)..] : trimmed;
    }
}
