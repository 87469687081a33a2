using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Json.Pointer;

namespace ControlPlane.Core.Assertions;

/// <summary>Parses and type-checks one condition (<c>[STATUS] == 200</c>) into a <see cref="Condition"/>.</summary>
/// <remarks>
/// Grammar (whitespace between tokens is free):
/// <code>
/// condition := operand [operator operand]
/// operator  := == | != | &lt; | &lt;= | &gt; | &gt;= | =~ | !~ | contains | !contains
/// operand   := placeholder | len(operand) | has(operand) | any(operand, ...) | literal
/// placeholder := [NAME] | [HEADER:Name] | [BODY]path
/// path      := ( .name | [index] | ["name"] )+
/// literal   := "text" | 'text' | number | number unit | from..to | true | false | null | bareword
/// unit      := ms | s | m | h | d
/// </code>
/// Everything that can be known before a response arrives is checked here, once, when the
/// definition is validated: syntax, placeholder names and whether the check kind observes them,
/// operand types for each operator, and regular expressions (compiled here with a match timeout).
/// Errors carry the 1-based column they were found at.
/// </remarks>
public sealed class ConditionParser
{
    /// <summary>Match timeout of regular expressions in conditions.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly (string Token, ConditionOperator Operator)[] Operators =
    [
        ("==", ConditionOperator.Equal), ("!=", ConditionOperator.NotEqual), ("<=", ConditionOperator.LessOrEqual),
        (">=", ConditionOperator.GreaterOrEqual), ("=~", ConditionOperator.Matches), ("!~", ConditionOperator.NotMatches),
        ("<", ConditionOperator.Less), (">", ConditionOperator.Greater), ("!contains", ConditionOperator.NotContains),
        ("contains", ConditionOperator.Contains),
    ];

    private readonly string _text;
    private readonly ConditionScope _scope;
    private int _pos;

    private ConditionParser(string text, ConditionScope scope)
    {
        _text = text;
        _scope = scope;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ConditionSyntaxException"/> naming the column of the first problem.</summary>
    public static Condition Parse(string text, ConditionScope scope)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(scope);
        return new ConditionParser(text, scope).ParseCondition();
    }

    /// <summary>Parses a JSON path of our JSONPath subset (<c>$.a.b[0]</c>, the <c>$</c> optional) into a JSON Pointer.</summary>
    public static JsonPointer ParseJsonPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parser = new ConditionParser(path, ConditionScope.Any);
        if (parser.Peek() == '$')
        {
            parser._pos++;
        }

        if (parser.AtEnd)
        {
            return JsonPointer.Empty;
        }

        if (parser.Peek() is not ('.' or '['))
        {
            // a.b reads as .a.b
            return ParseJsonPath("$." + path);
        }

        var pointer = parser.ParsePath();
        if (!parser.AtEnd)
        {
            throw parser.Error($"unexpected {parser.Describe()} in the path (write .name, [index] or [\"name\"])");
        }

        return pointer ?? JsonPointer.Empty;
    }

    private bool AtEnd => _pos >= _text.Length;

    private Condition ParseCondition()
    {
        SkipSpace();
        if (AtEnd)
        {
            throw Error("the condition is empty");
        }

        var left = ParseOperand();
        SkipSpace();
        if (AtEnd)
        {
            if (left.Type is not (ConditionType.Bool or ConditionType.Json))
            {
                throw Error($"expected an operator after {left.Text} (==, !=, <, <=, >, >=, =~, !~, contains, !contains)");
            }

            return new Condition(_text, left, ConditionOperator.IsTrue, null, null);
        }

        var operatorColumn = Column;
        var op = ParseOperator();
        SkipSpace();
        if (AtEnd)
        {
            throw Error($"expected a value after the operator at column {operatorColumn}");
        }

        var right = ParseOperand(allowAny: op is ConditionOperator.Equal or ConditionOperator.NotEqual);
        SkipSpace();
        if (!AtEnd)
        {
            throw Error($"unexpected {Describe()} after the condition's right side");
        }

        var regex = ConditionTypes.Check(left, op, right, operatorColumn);
        return new Condition(_text, left, op, right, regex);
    }

    private ConditionOperator ParseOperator()
    {
        if (string.CompareOrdinal(_text, _pos, "<>", 0, 2) == 0)
        {
            throw Error("'<>' is not an operator; did you mean '!='?");
        }

        foreach (var (token, op) in Operators)
        {
            if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0
                && (!char.IsAsciiLetter(token[^1]) || _pos + token.Length >= _text.Length || !IsWordChar(_text[_pos + token.Length])))
            {
                _pos += token.Length;
                return op;
            }
        }

        if (Peek() == '=')
        {
            throw Error("'=' is not an operator; did you mean '=='?");
        }

        throw Error($"expected an operator (==, !=, <, <=, >, >=, =~, !~, contains, !contains), found {Describe()}");
    }

    private Operand ParseOperand(bool allowAny = false)
    {
        var c = Peek();
        if (c == '[')
        {
            return ParsePlaceholder();
        }

        if (c is '"' or '\'')
        {
            var start = Column;
            var begin = _pos;
            var value = ParseQuoted();
            return new LiteralOperand(start, _text[begin.._pos], value, ConditionType.Text);
        }

        if (char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(PeekAt(1))))
        {
            return ParseNumber();
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            return ParseWord(allowAny);
        }

        throw Error(AtEnd ? "expected a value, found the end of the condition" : $"expected a value, found {Describe()}");
    }

    private Operand ParseWord(bool allowAny)
    {
        var start = Column;
        var begin = _pos;
        while (!AtEnd && IsWordChar(_text[_pos]))
        {
            _pos++;
        }

        var word = _text[begin.._pos];
        var afterWord = _pos;
        SkipSpace();
        if (Peek() == '(')
        {
            return ParseFunction(word, start, begin, allowAny);
        }

        _pos = afterWord;
        return word switch
        {
            "true" => new LiteralOperand(start, word, true, ConditionType.Bool),
            "false" => new LiteralOperand(start, word, false, ConditionType.Bool),
            "null" => new LiteralOperand(start, word, null, ConditionType.Null),
            _ when word is ConditionFunctions.Length or ConditionFunctions.Has or ConditionFunctions.Any =>
                throw Error($"'{word}' is a function: write {word}(...)", start),
            _ => new LiteralOperand(start, word, word, ConditionType.Text),
        };
    }

    private Operand ParseFunction(string name, int start, int begin, bool allowAny)
    {
        if (name is not (ConditionFunctions.Length or ConditionFunctions.Has or ConditionFunctions.Any))
        {
            throw Error($"unknown function '{name}' (functions: len, has, any)", start);
        }

        if (name == ConditionFunctions.Any && !allowAny)
        {
            throw Error("any(...) is only allowed on the right of == or !=", start);
        }

        _pos++; // (
        var arguments = new List<Operand>();
        while (true)
        {
            SkipSpace();
            arguments.Add(ParseOperand());
            SkipSpace();
            if (Peek() == ',')
            {
                if (name != ConditionFunctions.Any)
                {
                    throw Error($"{name}() takes one argument");
                }

                _pos++;
                continue;
            }

            if (Peek() == ')')
            {
                _pos++;
                break;
            }

            throw Error(AtEnd ? $"{name}( is not closed: expected ')'" : $"expected ',' or ')' in {name}(...), found {Describe()}");
        }

        var text = _text[begin.._pos];
        if (name == ConditionFunctions.Any)
        {
            return ConditionTypes.CheckAny(new AnyOperand(start, text, arguments));
        }

        var argument = arguments[0];
        ConditionTypes.CheckFunctionArgument(name, argument);
        return new FunctionOperand(start, text, name, argument);
    }

    private Operand ParseNumber()
    {
        var start = Column;
        var begin = _pos;
        var number = ReadNumber();
        if (string.CompareOrdinal(_text, _pos, "..", 0, 2) == 0)
        {
            _pos += 2;
            if (!char.IsAsciiDigit(Peek()) && !(Peek() == '-' && char.IsAsciiDigit(PeekAt(1))))
            {
                throw Error("expected the end of the range after '..'");
            }

            var to = ReadNumber();
            if (to < number)
            {
                throw Error($"the range {_text[begin.._pos]} is empty: its end is below its start", start);
            }

            return new RangeOperand(start, _text[begin.._pos], number, to);
        }

        var unitStart = _pos;
        while (!AtEnd && char.IsAsciiLetter(_text[_pos]))
        {
            _pos++;
        }

        var unit = _text[unitStart.._pos];
        if (unit.Length == 0)
        {
            if (!AtEnd && (IsWordChar(_text[_pos]) || _text[_pos] == '.'))
            {
                throw Error($"'{_text[begin..]}' is not a number; quote text such as addresses: \"{_text[begin..].Split(' ')[0]}\"", start);
            }

            return new LiteralOperand(start, _text[begin.._pos], number, ConditionType.Number);
        }

        var duration = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            "d" => TimeSpan.FromDays(number),
            _ => throw Error($"unknown unit '{unit}' (units: ms, s, m, h, d)", start + (unitStart - begin)),
        };
        return new LiteralOperand(start, _text[begin.._pos], duration, ConditionType.Duration);
    }

    private double ReadNumber()
    {
        var begin = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        if (Peek() == '.' && char.IsAsciiDigit(PeekAt(1)))
        {
            _pos++;
            while (char.IsAsciiDigit(Peek()))
            {
                _pos++;
            }
        }

        return double.Parse(_text.AsSpan(begin, _pos - begin), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    private string ParseQuoted()
    {
        var quote = _text[_pos];
        var start = Column;
        _pos++;
        var value = new StringBuilder();
        while (!AtEnd && _text[_pos] != quote)
        {
            var c = _text[_pos++];
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (AtEnd)
            {
                break;
            }

            // \\ \" \' \n \t \r are escapes; any other backslash is kept, so regexes read as written (\s, \d, \.).
            var escaped = _text[_pos++];
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case '\\' or '"' or '\'': value.Append(escaped); break;
                default: value.Append('\\').Append(escaped); break;
            }
        }

        if (AtEnd)
        {
            throw Error($"the text starting at column {start} is not closed: expected {quote}", start);
        }

        _pos++;
        return value.ToString();
    }

    private PlaceholderOperand ParsePlaceholder()
    {
        var start = Column;
        var begin = _pos;
        _pos++; // [
        var nameStart = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        var name = _text[nameStart.._pos];
        var found = PlaceholderCatalog.All.FirstOrDefault(p => p.Name == name);
        if (found.Name is null)
        {
            var upper = PlaceholderCatalog.All.FirstOrDefault(p => p.Name == name.ToUpperInvariant());
            var hint = upper.Name is not null ? $"; placeholders are upper case: [{upper.Name}]" : string.Empty;
            throw Error($"unknown placeholder [{name}] (known: {string.Join(", ", PlaceholderCatalog.All.Select(p => $"[{p.Name}]"))}){hint}", start);
        }

        if (!_scope.Placeholders.Contains(found.Kind))
        {
            var allowed = PlaceholderCatalog.All.Where(p => _scope.Placeholders.Contains(p.Kind)).Select(p => $"[{p.Name}]");
            throw Error($"[{name}] is not observed by {_scope.Description} (available: {string.Join(", ", allowed)})", start);
        }

        string? argument = null;
        if (found.Kind == PlaceholderKind.Header)
        {
            if (Peek() != ':')
            {
                throw Error("write the header's name: [HEADER:Content-Type]");
            }

            _pos++;
            var argumentStart = _pos;
            while (!AtEnd && _text[_pos] != ']' && IsHeaderChar(_text[_pos]))
            {
                _pos++;
            }

            argument = _text[argumentStart.._pos];
            if (argument.Length == 0)
            {
                throw Error("the header name is empty: [HEADER:Content-Type]");
            }
        }

        if (Peek() != ']')
        {
            throw Error(AtEnd ? $"[{name} is not closed: expected ']'" : $"expected ']' after [{name}, found {Describe()}");
        }

        _pos++;
        JsonPointer? path = null;
        if (Peek() is '.' or '[')
        {
            if (found.Kind != PlaceholderKind.Body)
            {
                throw Error($"only [BODY] takes a path; [{name}] is a single value");
            }

            path = ParsePath();
        }

        var type = path is null ? found.Type : ConditionType.Json;
        return new PlaceholderOperand(start, _text[begin.._pos], found.Kind, type, argument, path);
    }

    private JsonPointer? ParsePath()
    {
        var segments = new List<string>();
        while (Peek() is '.' or '[')
        {
            if (Peek() == '.')
            {
                _pos++;
                var begin = _pos;
                while (!AtEnd && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '-' or '$' or '@'))
                {
                    _pos++;
                }

                if (_pos == begin)
                {
                    throw Error(AtEnd ? "the path ends with '.': expected a field name" : $"expected a field name after '.', found {Describe()} (quote unusual names: [\"my field\"])");
                }

                segments.Add(_text[begin.._pos]);
                continue;
            }

            _pos++; // [
            if (Peek() is '"' or '\'')
            {
                segments.Add(ParseQuoted());
            }
            else
            {
                var begin = _pos;
                while (char.IsAsciiDigit(Peek()))
                {
                    _pos++;
                }

                if (_pos == begin)
                {
                    throw Error($"expected an array index or a quoted name after '[', found {Describe()}");
                }

                if (!int.TryParse(_text.AsSpan(begin, _pos - begin), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw Error("the array index is too large", begin + 1);
                }

                segments.Add(index.ToString(CultureInfo.InvariantCulture));
            }

            if (Peek() != ']')
            {
                throw Error(AtEnd ? "'[' in the path is not closed: expected ']'" : $"expected ']' in the path, found {Describe()}");
            }

            _pos++;
        }

        return JsonPointer.Parse(string.Concat(segments.Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
    }

    private int Column => _pos + 1;

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private string Describe()
    {
        if (AtEnd)
        {
            return "the end of the condition";
        }

        var end = _pos;
        while (end < _text.Length && end - _pos < 12 && !char.IsWhiteSpace(_text[end]))
        {
            end++;
        }

        return $"'{_text[_pos..Math.Max(end, _pos + 1)]}'";
    }

    private ConditionSyntaxException Error(string problem, int? column = null) => new(problem, column ?? Column);

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '/';

    private static bool IsHeaderChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    internal static Regex CompileRegex(string pattern, int column)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ConditionSyntaxException($"invalid regular expression: {e.Message}", column);
        }
    }
}
