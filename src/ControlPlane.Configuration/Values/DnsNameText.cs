namespace ControlPlane.Configuration.Values;

/// <summary>Host names and fully qualified DNS names made of letter-digit-hyphen labels (RFC 1123).</summary>
internal static class DnsNameText
{
    /// <summary>Why <paramref name="text"/> is not a fully qualified name with a trailing dot, or null when it is.</summary>
    public static string? FullyQualifiedProblem(string text)
    {
        if (!text.EndsWith('.'))
        {
            return LabelsProblem(text, text) ?? $"{Yaml.YamlText.Quote(text)} must be fully qualified: end it with a dot ({text}.)";
        }

        return text.Length > 254
            ? $"{Yaml.YamlText.Quote(text)} is longer than 253 characters"
            : LabelsProblem(text[..^1], text);
    }

    /// <summary>Why <paramref name="text"/> is not a host name (no trailing dot), or null when it is.</summary>
    public static string? HostNameProblem(string text)
    {
        if (text.EndsWith('.'))
        {
            return $"{Yaml.YamlText.Quote(text)} must not end with a dot: it is sent as the Host header and TLS server name";
        }

        return text.Length > 253 ? $"{Yaml.YamlText.Quote(text)} is longer than 253 characters" : LabelsProblem(text, text);
    }

    private static string? LabelsProblem(string name, string original)
    {
        if (name.Length == 0)
        {
            return $"{Yaml.YamlText.Quote(original)} is not a DNS name: it has no labels";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0)
            {
                return $"{Yaml.YamlText.Quote(original)} is not a DNS name: it has an empty label (two dots in a row, or a leading dot)";
            }

            if (label.Length > 63)
            {
                return $"{Yaml.YamlText.Quote(original)} is not a DNS name: label {Yaml.YamlText.Quote(label)} is longer than 63 characters";
            }

            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return $"{Yaml.YamlText.Quote(original)} is not a DNS name: label {Yaml.YamlText.Quote(label)} may contain only letters, digits and '-'";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"{Yaml.YamlText.Quote(original)} is not a DNS name: label {Yaml.YamlText.Quote(label)} must not start or end with '-'";
            }
        }

        return null;
    }
}
