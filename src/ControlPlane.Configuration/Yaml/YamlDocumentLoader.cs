using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Configuration.Yaml;

/// <summary>Turns YAML text into the root node of its single document, or into errors; never throws for any text.</summary>
/// <remarks>
/// The text is read twice. A first pass over YamlDotNet's event stream (iterative, so no input
/// can exhaust the stack) finds what the representation model would either throw on one at a
/// time or silently accept: every duplicate key, every alias, non-scalar keys, a second
/// document, nesting deeper than any configuration needs. Aliases are refused so that a small
/// file cannot expand into an exponentially large tree ("billion laughs"). Only a clean text is
/// then loaded into a <see cref="YamlStream"/>, whose nodes carry the line and column that every
/// later error is reported at.
/// </remarks>
internal static class YamlDocumentLoader
{
    /// <summary>Deepest nesting accepted; the deepest real field is about 6 levels down.</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest text accepted, in characters (10,000 endpoints take about 3 MB).</summary>
    public const int MaxLength = 16 * 1024 * 1024;

    /// <summary>The root node, or null when errors were added.</summary>
    public static YamlNode? Load(string text, ErrorList errors)
    {
        if (text.Length > MaxLength)
        {
            errors.Add(string.Empty, $"the document is too large ({text.Length} characters; at most {MaxLength})", null);
            return null;
        }

        if (!Prescan(text, errors))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            AddSyntaxError(text, e.Message, e.Start, errors);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The event pass read the whole text, so the loader cannot stumble where the scanner did not.
            errors.Add(string.Empty, $"YAML syntax error: the document cannot be read ({e.Message})", null);
            return null;
        }

        if (stream.Documents.Count == 0 || YamlText.IsNull(stream.Documents[0].RootNode))
        {
            errors.Add(string.Empty, "the document is empty: expected a map of fields", null);
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private static bool Prescan(string text, ErrorList errors)
    {
        var before = errors.Count;
        var frames = new Stack<Frame>();
        var documents = 0;
        Mark? lastGood = null;
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                lastGood = parser.Current!.End;
                switch (parser.Current)
                {
                    case DocumentStart start:
                        documents++;
                        if (documents == 2)
                        {
                            errors.Add(string.Empty, "only one YAML document is allowed, but '---' starts another one here", start.Start);
                        }

                        break;
                    case MappingStart or SequenceStart:
                        StartNode(frames, parser.Current, errors);
                        if (frames.Count >= MaxDepth)
                        {
                            errors.Add(string.Empty, $"the document is nested more than {MaxDepth} levels deep", parser.Current.Start);
                            return false;
                        }

                        frames.Push(new Frame(parser.Current is MappingStart));
                        break;
                    case MappingEnd or SequenceEnd:
                        frames.TryPop(out _);
                        EndNode(frames);
                        break;
                    case Scalar or AnchorAlias:
                        StartNode(frames, parser.Current, errors);
                        EndNode(frames);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            AddSyntaxError(text, e.Message, e.Start, errors);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // YamlDotNet's scanner throws plain exceptions on some malformed input (aaubry/YamlDotNet#541),
            // for example a flow list left open across lines; the last event read is as close as it gets.
            AddSyntaxError(
                text,
                $"the text after this point cannot be read as YAML; look for an unclosed '[', '{{' or quote ({e.Message})",
                lastGood,
                errors);
        }

        return errors.Count == before;
    }

    private static void StartNode(Stack<Frame> frames, ParsingEvent node, ErrorList errors)
    {
        if (node is AnchorAlias alias)
        {
            errors.Add(string.Empty, $"YAML aliases are not supported (*{alias.Value}): write the value out in full", alias.Start);
        }

        if (!frames.TryPeek(out var parent) || !parent.IsMapping || !parent.ExpectingKey)
        {
            return;
        }

        if (node is not Scalar key)
        {
            errors.Add(string.Empty, "a field name must be plain text, not a list or a map", node.Start);
            return;
        }

        if (!parent.Keys.TryAdd(key.Value, key.Start))
        {
            var first = parent.Keys[key.Value];
            errors.Add(string.Empty, $"field {YamlText.Quote(key.Value)} appears twice in the same map (first at line {first.Line})", key.Start);
        }
    }

    private static void EndNode(Stack<Frame> frames)
    {
        if (frames.TryPeek(out var parent) && parent.IsMapping)
        {
            parent.ExpectingKey = !parent.ExpectingKey;
        }
    }

    /// <summary>
    /// A parser error, or, when tabs indent lines up to just after it, those lines instead:
    /// YamlDotNet's messages for tabs name the wrong position or do not mention the tab at all.
    /// </summary>
    private static void AddSyntaxError(string text, string message, Mark? at, ErrorList errors)
    {
        // A message about tabs marks the start of the enclosing node, possibly far above the tab.
        var errorLine = at is { } mark && !message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? mark.Line : long.MaxValue - 1;
        var tabs = TabIndentedLines(text).Where(t => t.Line <= errorLine + 1).Take(20).ToList();
        foreach (var (line, column) in tabs)
        {
            errors.Add(string.Empty, "a tab is used for indentation: YAML indentation must use spaces", line, column);
        }

        if (tabs.Count == 0)
        {
            errors.Add(string.Empty, $"YAML syntax error: {message.TrimEnd('.')}", at);
        }
    }

    private static IEnumerable<(int Line, int Column)> TabIndentedLines(string text)
    {
        var line = 1;
        var column = 1;
        var inIndentation = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                inIndentation = true;
                continue;
            }

            if (inIndentation && c == '\t')
            {
                yield return (line, column);
                inIndentation = false;
            }
            else if (c != ' ')
            {
                inIndentation = false;
            }

            column++;
        }
    }

    private sealed class Frame(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;

        public bool ExpectingKey { get; set; } = true;

        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
    }
}
