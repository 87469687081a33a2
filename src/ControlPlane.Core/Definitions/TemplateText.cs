using System.Text;

namespace ControlPlane.Core.Definitions;

/// <summary>
/// Text with references: <c>${name}</c> (a variable extracted by an earlier step),
/// <c>${env:NAME}</c> (an environment variable of the probing silo) and <c>${file:/path}</c>
/// (a file's content, trailing newline removed). <c>$${</c> writes a literal <c>${</c>.
/// </summary>
/// <remarks>
/// Secrets stay references in the definition (stored, returned by the API, shown in errors);
/// only the probing silo resolves them, when it sends a request, so each region can keep its own.
/// </remarks>
public sealed class TemplateText
{
    private TemplateText(string text, IReadOnlyList<TemplatePart> parts)
    {
        Text = text;
        Parts = parts;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    public IReadOnlyList<TemplatePart> Parts { get; }

    /// <summary>True when the text has no reference at all.</summary>
    public bool IsLiteral => Parts.All(p => p.Kind == TemplatePartKind.Literal);

    /// <summary>The variables it refers to.</summary>
    public IEnumerable<string> Variables => Parts.Where(p => p.Kind == TemplatePartKind.Variable).Select(p => p.Value);

    /// <summary>A template with no references.</summary>
    public static TemplateText Literal(string text) => new(text, [new TemplatePart(TemplatePartKind.Literal, text)]);

    /// <summary>Parses <paramref name="text"/>; on failure returns null with the problem and its 1-based column.</summary>
    public static TemplateText? TryParse(string text, out string? problem, out int column)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        column = 0;
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }

            if (text[i] != '$' || i + 1 >= text.Length || text[i + 1] != '{')
            {
                literal.Append(text[i++]);
                continue;
            }

            var end = text.IndexOf('}', i + 2);
            if (end < 0)
            {
                (problem, column) = ("'${' is not closed: expected '}' (write $${ for a literal ${)", i + 1);
                return null;
            }

            var reference = text[(i + 2)..end];
            if (ParseReference(reference) is not { } part)
            {
                (problem, column) = ($"'${{{reference}}}' is not a reference: write ${{name}} for a variable, ${{env:NAME}} or ${{file:/absolute/path}} for a secret", i + 1);
                return null;
            }

            if (literal.Length > 0)
            {
                parts.Add(new TemplatePart(TemplatePartKind.Literal, literal.ToString()));
                literal.Clear();
            }

            parts.Add(part);
            i = end + 1;
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add(new TemplatePart(TemplatePartKind.Literal, literal.ToString()));
        }

        return new TemplateText(text, parts);
    }

    /// <summary>The text with every reference replaced by <paramref name="resolve"/>'s answer.</summary>
    public string Render(Func<TemplatePart, string> resolve)
    {
        if (Parts.Count == 1 && Parts[0].Kind == TemplatePartKind.Literal)
        {
            return Parts[0].Value;
        }

        var text = new StringBuilder();
        foreach (var part in Parts)
        {
            text.Append(part.Kind == TemplatePartKind.Literal ? part.Value : resolve(part));
        }

        return text.ToString();
    }

    public override string ToString() => Text;

    private static TemplatePart? ParseReference(string reference)
    {
        if (reference.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = reference[4..];
            return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? new TemplatePart(TemplatePartKind.Environment, name) : null;
        }

        if (reference.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = reference[5..];
            return path.StartsWith('/') && path.Length > 1 ? new TemplatePart(TemplatePartKind.File, path) : null;
        }

        return IsVariableName(reference) ? new TemplatePart(TemplatePartKind.Variable, reference) : null;
    }

    /// <summary>Variable names: a letter or underscore, then letters, digits, underscores.</summary>
    public static bool IsVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}

/// <summary>What one part of a <see cref="TemplateText"/> is.</summary>
public enum TemplatePartKind
{
    Literal,
    Variable,

    /// <summary><c>${env:NAME}</c>: a secret from the probing silo's environment.</summary>
    Environment,

    /// <summary><c>${file:/path}</c>: a secret from a file on the probing silo.</summary>
    File,
}

/// <summary>One literal or reference of a template; <see cref="Value"/> is the text, variable name, environment name or path.</summary>
public sealed record TemplatePart(TemplatePartKind Kind, string Value)
{
    /// <summary>How the reference is written, for details and errors (never its resolved value).</summary>
    public string Reference => Kind switch
    {
        TemplatePartKind.Environment => $"env:{Value}",
        TemplatePartKind.File => $"file:{Value}",
        _ => Value,
    };
}
