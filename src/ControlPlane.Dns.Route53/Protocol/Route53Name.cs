using System.Text;

namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>Record names as Route 53 writes them: fully qualified, octal escapes for special characters.</summary>
internal static class Route53Name
{
    /// <summary>Adds the trailing dot when missing.</summary>
    public static string Qualify(string name) => name.EndsWith('.') ? name : name + ".";

    /// <summary>
    /// The form used to compare names: escapes such as <c>\052</c> (for <c>*</c>) decoded, lower case,
    /// trailing dot added.
    /// </summary>
    public static string Canonical(string name) => Qualify(Unescape(name)).ToLowerInvariant();

    public static bool AreSame(string a, string b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    /// <summary>Decodes <c>\ddd</c> octal escapes (Route 53 returns <c>*</c> as <c>\052</c>).</summary>
    public static string Unescape(string name)
    {
        if (!name.Contains('\\', StringComparison.Ordinal))
        {
            return name;
        }

        var builder = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '\\' && i + 3 < name.Length && IsOctal(name[i + 1]) && IsOctal(name[i + 2]) && IsOctal(name[i + 3]))
            {
                builder.Append((char)(((name[i + 1] - '0') * 64) + ((name[i + 2] - '0') * 8) + (name[i + 3] - '0')));
                i += 3;
            }
            else
            {
                builder.Append(name[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
