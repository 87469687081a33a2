using System.Text;

namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>
/// Domain names in presentation form (<c>app.example.com.</c>, with <c>\.</c> and <c>\DDD</c>
/// escapes for bytes that are not plain hostname characters) and their labels.
/// </summary>
internal static class DnsName
{
    public const int MaxLabelLength = 63;
    public const int MaxWireLength = 255;

    /// <summary>The root name.</summary>
    public const string Root = ".";

    /// <summary>Lower-cases ASCII letters and adds the trailing dot; the form names are compared and cached in.</summary>
    public static string Normalize(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.EndsWith('.') ? lower : lower + ".";
    }

    /// <summary>Case-insensitive comparison of two names (RFC 4343), trailing dot optional.</summary>
    public static bool Equal(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    /// <summary>True when <paramref name="name"/> is <paramref name="zone"/> or below it, label by label.</summary>
    /// <exception cref="FormatException">Either is not a valid name.</exception>
    public static bool IsAtOrBelow(string name, string zone)
    {
        var n = ToLabels(Normalize(name));
        var z = ToLabels(Normalize(zone));
        if (z.Count > n.Count)
        {
            return false;
        }

        for (var i = 1; i <= z.Count; i++)
        {
            if (!n[^i].AsSpan().SequenceEqual(z[^i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why <paramref name="name"/> is not a valid fully qualified name, or null when it is.</summary>
    public static string? Problem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "is empty";
        }

        if (!name.EndsWith('.'))
        {
            return $"'{name}' is not fully qualified (it must end with a dot)";
        }

        try
        {
            _ = ToLabels(name);
            return null;
        }
        catch (FormatException e)
        {
            return $"'{name}' {e.Message}";
        }
    }

    /// <summary>Splits a presentation-form name into wire labels (root excluded).</summary>
    /// <exception cref="FormatException">Empty label, label over 63 octets, name over 255 octets, bad escape.</exception>
    public static IReadOnlyList<byte[]> ToLabels(string name)
    {
        var labels = new List<byte[]>();
        if (name is Root or "")
        {
            return labels;
        }

        var current = new List<byte>();
        var wireLength = 1;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '.')
            {
                labels.Add(CloseLabel(current, ref wireLength));
                continue;
            }

            if (c == '\\')
            {
                current.Add(ReadEscape(name, ref i));
                continue;
            }

            if (c > 0x7F)
            {
                throw new FormatException("contains a non-ASCII character (use its IDNA form)");
            }

            current.Add((byte)c);
        }

        if (current.Count > 0)
        {
            labels.Add(CloseLabel(current, ref wireLength));
        }

        return labels;
    }

    /// <summary>Joins wire labels into presentation form with the trailing dot.</summary>
    public static string FromLabels(IEnumerable<byte[]> labels)
    {
        var text = new StringBuilder();
        foreach (var label in labels)
        {
            AppendLabel(text, label);
            text.Append('.');
        }

        return text.Length == 0 ? Root : text.ToString();
    }

    /// <summary>Appends one label, escaping dots, backslashes and non-printable bytes.</summary>
    public static void AppendLabel(StringBuilder text, ReadOnlySpan<byte> label)
    {
        foreach (var b in label)
        {
            if (b is (byte)'.' or (byte)'\\')
            {
                text.Append('\\').Append((char)b);
            }
            else if (b is > 0x20 and < 0x7F)
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static byte[] CloseLabel(List<byte> current, ref int wireLength)
    {
        if (current.Count == 0)
        {
            throw new FormatException("has an empty label");
        }

        if (current.Count > MaxLabelLength)
        {
            throw new FormatException($"has a label longer than {MaxLabelLength} octets");
        }

        wireLength += current.Count + 1;
        if (wireLength > MaxWireLength)
        {
            throw new FormatException($"is longer than {MaxWireLength} octets");
        }

        var label = current.ToArray();
        current.Clear();
        return label;
    }

    private static byte ReadEscape(string name, ref int i)
    {
        if (i + 1 >= name.Length)
        {
            throw new FormatException("ends with a lone backslash");
        }

        if (char.IsAsciiDigit(name[i + 1]))
        {
            if (i + 3 >= name.Length || !char.IsAsciiDigit(name[i + 2]) || !char.IsAsciiDigit(name[i + 3]))
            {
                throw new FormatException("has a \\DDD escape without three digits");
            }

            var value = (name[i + 1] - '0') * 100 + (name[i + 2] - '0') * 10 + (name[i + 3] - '0');
            if (value > 255)
            {
                throw new FormatException("has a \\DDD escape above 255");
            }

            i += 3;
            return (byte)value;
        }

        i++;
        return name[i] <= 0x7F ? (byte)name[i] : throw new FormatException("contains a non-ASCII character");
    }
}
