using System.Globalization;
using System.Text;

namespace ControlPlane.Configuration;

/// <summary>One problem in a configuration document, at the path and position where it was found.</summary>
/// <param name="Path">
/// Where in the document, for example <c>services[1].endpoints[0].address</c>; empty for problems
/// with the document as a whole (unreadable file, YAML syntax).
/// </param>
/// <param name="Message">What is wrong, in words an operator can act on.</param>
/// <param name="Line">1-based line, when the problem has a position.</param>
/// <param name="Column">1-based column, when the problem has a position.</param>
public sealed record ConfigError(string Path, string Message, int? Line, int? Column)
{
    /// <summary>The document's name (usually its file path), shown first by <see cref="ToString"/>.</summary>
    public string? Source { get; init; }

    /// <summary>Compiler style: <c>cluster.yaml:14:9: services[1].endpoints[0].address: 'abc' is not an IP address</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(Source))
        {
            text.Append(Source);
        }

        if (Line is { } line)
        {
            if (text.Length > 0)
            {
                text.Append(':');
            }

            text.Append(line.ToString(CultureInfo.InvariantCulture));
            if (Column is { } column)
            {
                text.Append(':').Append(column.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (text.Length > 0)
        {
            text.Append(": ");
        }

        if (Path.Length > 0)
        {
            text.Append(Path).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}
