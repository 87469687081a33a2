using System.Globalization;
using System.Text;

namespace ControlPlane.Dns.ZoneFile;

/// <summary>Renders the zone in BIND master-file format and reads back the records this provider wrote.</summary>
internal static class ZoneFileFormat
{
    public static string Render(ZoneFileSettings settings, long serial, IEnumerable<ZoneRecord> records)
    {
        var zone = settings.Zone;
        var builder = new StringBuilder();
        builder.Append("; Managed by ControlPlane: manual edits are overwritten on the next change.\n");
        builder.Append(CultureInfo.InvariantCulture, $"$ORIGIN {zone}\n");
        builder.Append("$TTL 30\n");
        builder.Append(CultureInfo.InvariantCulture, $"{zone} 30 IN SOA {settings.PrimaryNameServer} {settings.Hostmaster} {serial} 60 10 604800 30\n");
        builder.Append(CultureInfo.InvariantCulture, $"{zone} 30 IN NS {settings.PrimaryNameServer}\n");
        if (DnsNames.IsInZone(settings.PrimaryNameServer, zone))
        {
            var type = settings.NameServerAddress.Contains(':', StringComparison.Ordinal) ? "AAAA" : "A";
            builder.Append(CultureInfo.InvariantCulture, $"{settings.PrimaryNameServer} 30 IN {type} {settings.NameServerAddress}\n");
        }

        foreach (var record in records)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{record.Name} {record.Ttl} IN {record.Type} {record.Value}\n");
        }

        return builder.ToString();
    }

    /// <summary>Reads the lines <see cref="Render"/> writes: fully qualified <c>name ttl IN type value</c>.</summary>
    public static (long Serial, IReadOnlyList<ZoneRecord> Records) Parse(string text)
    {
        long serial = 0;
        var records = new List<ZoneRecord>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split(';', 2)[0].Trim();
            if (line.Length == 0 || line.StartsWith('$'))
            {
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5 || fields[2] != "IN" || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ttl))
            {
                continue;
            }

            if (fields[3] == "SOA" && fields.Length >= 7)
            {
                _ = long.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out serial);
                continue;
            }

            records.Add(new ZoneRecord(DnsNames.Normalize(fields[0]), ttl, fields[3], fields[4]));
        }

        return (serial, records);
    }
}
