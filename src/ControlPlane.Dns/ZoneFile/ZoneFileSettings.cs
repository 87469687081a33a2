using System.Globalization;

namespace ControlPlane.Dns.ZoneFile;

/// <summary>Settings of a <c>zonefile</c> provider, read from its entry in <c>dns.providers</c>.</summary>
internal sealed record ZoneFileSettings
{
    /// <summary>Origin, fully qualified. Required.</summary>
    public required string Zone { get; init; }

    /// <summary>The zone file written. Required; relative paths resolve against the silo's working directory.</summary>
    public required string Path { get; init; }

    /// <summary>Shell command run after each change, with CP_ZONE, CP_ZONE_FILE and CP_SERIAL set. Default none.</summary>
    public string? PostChangeCommand { get; init; }

    /// <summary>Default 10 s.</summary>
    public TimeSpan PostChangeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>SOA MNAME and the zone's NS. Default <c>ns1.{zone}</c>.</summary>
    public required string PrimaryNameServer { get; init; }

    /// <summary>Address of the primary name server, written as its glue A record when it is inside the zone. Default 127.0.0.1.</summary>
    public string NameServerAddress { get; init; } = "127.0.0.1";

    /// <summary>SOA RNAME. Default <c>hostmaster.{zone}</c>.</summary>
    public required string Hostmaster { get; init; }

    internal static readonly string[] Keys = ["zone", "path", "postChangeCommand", "postChangeTimeout", "primaryNameServer", "nameServerAddress", "hostmaster"];

    public static ZoneFileSettings From(IReadOnlyDictionary<string, string> settings)
    {
        var zone = DnsNames.Normalize(settings["zone"]);
        return new ZoneFileSettings
        {
            Zone = zone,
            Path = System.IO.Path.GetFullPath(settings["path"]),
            PostChangeCommand = settings.GetValueOrDefault("postChangeCommand"),
            PostChangeTimeout = settings.TryGetValue("postChangeTimeout", out var t) ? Durations.Parse(t)!.Value : TimeSpan.FromSeconds(10),
            PrimaryNameServer = DnsNames.Normalize(settings.GetValueOrDefault("primaryNameServer") ?? $"ns1.{zone}"),
            NameServerAddress = settings.GetValueOrDefault("nameServerAddress") ?? "127.0.0.1",
            Hostmaster = DnsNames.Normalize(settings.GetValueOrDefault("hostmaster") ?? $"hostmaster.{zone}"),
        };
    }

    public static string Seconds(TimeSpan t) => ((long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
