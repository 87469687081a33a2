using System.Text;

namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>TXT: one or more character-strings of up to 255 octets, held as Latin-1 text (one char per octet).</summary>
internal sealed record TxtData(IReadOnlyList<string> Strings) : DnsRecordData
{
    public bool Equals(TxtData? other) => other is not null && Strings.SequenceEqual(other.Strings);

    public override int GetHashCode() => Strings.Aggregate(17, (h, s) => HashCode.Combine(h, s));

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var s in Strings)
        {
            text.Append(text.Length == 0 ? "\"" : " \"").Append(s.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return text.ToString();
    }
}
