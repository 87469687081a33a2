using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ControlPlane.Core.Assertions;

/// <summary>Evaluates parsed conditions against <see cref="ConditionInputs"/>.</summary>
/// <remarks>
/// Values are doubles, strings, TimeSpans, bools, lists of strings, JSON elements, null, or
/// <see cref="MissingValue"/>. A missing value fails every operator (test presence with
/// <c>has()</c>). Equality compares numbers numerically (a JSON string that reads as a number
/// counts as one), everything else by its text, ordinally. A failure names the condition and
/// the value each placeholder had, never anything else from the response.
/// </remarks>
internal static class ConditionEvaluator
{
    private const int MaxQuoted = 60;

    public static ConditionResult Evaluate(Condition condition, ConditionInputs inputs)
    {
        var left = Value(condition.Left, inputs);
        if (condition.Operator == ConditionOperator.IsTrue)
        {
            return Result(condition, left is true || (left is JsonElement { ValueKind: JsonValueKind.True }), left, null, inputs);
        }

        var right = Value(condition.Right!, inputs);
        if (left is MissingValue || right is MissingValue)
        {
            return Result(condition, false, left, right, inputs);
        }

        var passed = condition.Operator switch
        {
            ConditionOperator.Equal => EqualsOperand(left, condition.Right!, right),
            ConditionOperator.NotEqual => !EqualsOperand(left, condition.Right!, right),
            ConditionOperator.Less => Compare(left, right) is < 0,
            ConditionOperator.LessOrEqual => Compare(left, right) is <= 0,
            ConditionOperator.Greater => Compare(left, right) is > 0,
            ConditionOperator.GreaterOrEqual => Compare(left, right) is >= 0,
            ConditionOperator.Matches => IsMatch(condition.Regex!, left),
            ConditionOperator.NotMatches => !IsMatch(condition.Regex!, left),
            ConditionOperator.Contains => Contains(left, right),
            ConditionOperator.NotContains => !Contains(left, right),
            _ => false,
        };
        return Result(condition, passed, left, right, inputs);
    }

    private static ConditionResult Result(Condition condition, bool passed, object? left, object? right, ConditionInputs inputs)
    {
        if (passed)
        {
            return ConditionResult.Pass;
        }

        var facts = new List<string>(2);
        AddFact(facts, condition.Left, left);
        if (condition.Right is { } r)
        {
            AddFact(facts, r, right);
        }

        var because = facts.Count == 0 ? string.Empty : ": " + string.Join(", ", facts);
        return new ConditionResult(false, $"{condition.Text} failed{because}");
    }

    private static void AddFact(List<string> facts, Operand operand, object? value)
    {
        if (operand is PlaceholderOperand or FunctionOperand)
        {
            facts.Add(value is MissingValue missing ? $"{operand.Text} is missing ({missing.Reason})" : $"{operand.Text} is {Format(value)}");
        }
    }

    private static object? Value(Operand operand, ConditionInputs inputs) => operand switch
    {
        LiteralOperand literal => literal.Value,
        RangeOperand => null,
        AnyOperand => null,
        PlaceholderOperand { Path: { } path } => Lookup(inputs, path),
        PlaceholderOperand placeholder => inputs.Get(placeholder),
        FunctionOperand { Function: ConditionFunctions.Has } has => Value(has.Argument, inputs) is not MissingValue,
        FunctionOperand length => Length(Value(length.Argument, inputs)),
        _ => null,
    };

    private static object? Lookup(ConditionInputs inputs, Json.Pointer.JsonPointer path)
    {
        if (inputs.JsonRoot() is not JsonElement root)
        {
            return inputs.JsonRoot();
        }

        return path.Evaluate(root) is { } found ? Unwrap(found) : new MissingValue("no such field in the body");
    }

    /// <summary>Turns JSON scalars into plain values; arrays and objects stay elements.</summary>
    private static object? Unwrap(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => element,
    };

    private static object Length(object? value) => value switch
    {
        MissingValue missing => missing,
        string text => (double)text.Length,
        IReadOnlyList<string> list => (double)list.Count,
        JsonElement { ValueKind: JsonValueKind.Array } array => (double)array.GetArrayLength(),
        JsonElement { ValueKind: JsonValueKind.Object } obj => (double)obj.EnumerateObject().Count(),
        _ => new MissingValue($"{Format(value)} has no length"),
    };

    private static bool EqualsOperand(object? left, Operand rightOperand, object? right) => rightOperand switch
    {
        RangeOperand range => AsNumber(left) is { } n && n >= range.From && n <= range.To,
        AnyOperand any => any.Choices.Any(choice => EqualsOperand(left, choice, (choice as LiteralOperand)?.Value)),
        _ => AreEqual(left, right),
    };

    private static bool AreEqual(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is double || b is double)
        {
            return AsNumber(a) is { } x && AsNumber(b) is { } y && x == y;
        }

        return (a, b) switch
        {
            (TimeSpan x, TimeSpan y) => x == y,
            (bool x, bool y) => x == y,
            _ => string.Equals(Text(a), Text(b), StringComparison.Ordinal),
        };
    }

    private static int? Compare(object? a, object? b)
    {
        if (a is TimeSpan x && b is TimeSpan y)
        {
            return x.CompareTo(y);
        }

        return AsNumber(a) is { } m && AsNumber(b) is { } n ? m.CompareTo(n) : null;
    }

    private static bool IsMatch(Regex regex, object? value)
    {
        try
        {
            return regex.IsMatch(Text(value));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool Contains(object? container, object? item) => container switch
    {
        string text => text.Contains(Text(item), StringComparison.Ordinal),
        IReadOnlyList<string> list => list.Any(element => AreEqual(element, item)),
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Any(element => AreEqual(Unwrap(element), item)),
        JsonElement { ValueKind: JsonValueKind.Object } obj => obj.TryGetProperty(Text(item), out _),
        _ => false,
    };

    private static double? AsNumber(object? value) => value switch
    {
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string Text(object? value) => value switch
    {
        null => "null",
        string s => s,
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        TimeSpan t => FormatDuration(t),
        JsonElement e => e.GetRawText(),
        IReadOnlyList<string> list => string.Join(", ", list),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A value as a failure detail shows it: text quoted and shortened.</summary>
    internal static string Format(object? value) => value switch
    {
        string s => "\"" + (s.Length <= MaxQuoted ? s : s[..MaxQuoted] + "...") + "\"",
        IReadOnlyList<string> list => "[" + Shorten(string.Join(", ", list.Select(i => "\"" + i + "\""))) + "]",
        JsonElement e => Shorten(e.GetRawText()),
        _ => Text(value),
    };

    private static string Shorten(string text) => text.Length <= MaxQuoted ? text : text[..MaxQuoted] + "...";

    internal static string FormatDuration(TimeSpan t)
    {
        var ms = t.TotalMilliseconds;
        var abs = Math.Abs(ms);
        return abs switch
        {
            < 1000 => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(ms)}ms"),
            < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###}s"),
            < 3_600_000 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.#}m"),
            < 172_800_000 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0.#}h"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{t.TotalDays:0.#}d"),
        };
    }
}
