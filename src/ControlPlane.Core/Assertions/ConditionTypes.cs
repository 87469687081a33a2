using System.Text.RegularExpressions;

namespace ControlPlane.Core.Assertions;

/// <summary>The type rules of the condition language, applied when a condition is parsed.</summary>
/// <remarks>
/// <see cref="ConditionType.Json"/> (a value inside a JSON body) is compatible with everything,
/// since its type is only known when the response arrives; everything else must match:
/// numbers with numbers, durations with durations (a bare number is not a duration), text with
/// text. Order operators need numbers or durations, <c>=~</c> a text literal that compiles as a
/// regular expression, <c>contains</c> text, a list or JSON on its left.
/// </remarks>
internal static class ConditionTypes
{
    /// <summary>Checks the operands of <paramref name="op"/>; returns the compiled regex of =~ and !~.</summary>
    public static Regex? Check(Operand left, ConditionOperator op, Operand right, int operatorColumn)
    {
        if (left is RangeOperand)
        {
            throw Error("a range belongs on the right of == or !=", left);
        }

        switch (op)
        {
            case ConditionOperator.Equal or ConditionOperator.NotEqual:
                if (right is AnyOperand any)
                {
                    foreach (var choice in any.Choices)
                    {
                        CheckEqualityOperands(left, choice);
                    }
                }
                else
                {
                    CheckEqualityOperands(left, right);
                }

                return null;

            case ConditionOperator.Less or ConditionOperator.LessOrEqual or ConditionOperator.Greater or ConditionOperator.GreaterOrEqual:
                CheckOrdered(left);
                CheckOrdered(right);
                CheckSameType(left, right);
                return null;

            case ConditionOperator.Matches or ConditionOperator.NotMatches:
                if (left.Type is ConditionType.List or ConditionType.Null or ConditionType.Range)
                {
                    throw Error($"{left.Text} is {Describe(left.Type)}; =~ and !~ match text", left);
                }

                if (right is not LiteralOperand { Value: string pattern })
                {
                    throw Error($"the right of =~ and !~ must be a quoted regular expression, found {right.Text}", right);
                }

                return ConditionParser.CompileRegex(pattern, right.Column);

            case ConditionOperator.Contains or ConditionOperator.NotContains:
                if (left.Type is not (ConditionType.Text or ConditionType.List or ConditionType.Json))
                {
                    throw Error($"{left.Text} is {Describe(left.Type)}; contains needs text, a list or a JSON array on its left", left);
                }

                if (right.Type is not (ConditionType.Text or ConditionType.Number or ConditionType.Json))
                {
                    throw Error($"{right.Text} is {Describe(right.Type)}; contains looks for text or a number", right);
                }

                return null;

            default:
                throw new ConditionSyntaxException($"operator {op} is not supported here", operatorColumn);
        }
    }

    public static AnyOperand CheckAny(AnyOperand any)
    {
        foreach (var choice in any.Choices)
        {
            if (choice is AnyOperand or FunctionOperand or PlaceholderOperand)
            {
                throw Error("the choices of any(...) must be literals or ranges", choice);
            }
        }

        return any;
    }

    public static void CheckFunctionArgument(string function, Operand argument)
    {
        if (argument is RangeOperand or AnyOperand)
        {
            throw Error($"{function}() takes a placeholder, found {argument.Text}", argument);
        }

        if (function == ConditionFunctions.Length && argument.Type is not (ConditionType.Text or ConditionType.List or ConditionType.Json))
        {
            throw Error($"len() measures text, a list or JSON; {argument.Text} is {Describe(argument.Type)}", argument);
        }

        if (function == ConditionFunctions.Has
            && argument is not PlaceholderOperand { Path: not null } and not PlaceholderOperand { Kind: PlaceholderKind.Header })
        {
            throw Error($"has() takes a [BODY] path or a [HEADER:Name], found {argument.Text}", argument);
        }
    }

    private static void CheckEqualityOperands(Operand left, Operand right)
    {
        if (right is RangeOperand)
        {
            if (left.Type is not (ConditionType.Number or ConditionType.Json))
            {
                throw Error($"{left.Text} is {Describe(left.Type)}; a range holds numbers", right);
            }

            return;
        }

        if (right.Type == ConditionType.Null || left.Type == ConditionType.Null)
        {
            var other = right.Type == ConditionType.Null ? left : right;
            if (other.Type is not (ConditionType.Json or ConditionType.Null))
            {
                throw Error($"{other.Text} is {Describe(other.Type)} and never null; null compares with [BODY] paths", other);
            }

            return;
        }

        CheckSameType(left, right);
    }

    private static void CheckOrdered(Operand operand)
    {
        if (operand.Type is not (ConditionType.Number or ConditionType.Duration or ConditionType.Json))
        {
            throw Error($"{operand.Text} is {Describe(operand.Type)}; <, <=, > and >= compare numbers or durations", operand);
        }
    }

    private static void CheckSameType(Operand left, Operand right)
    {
        if (left.Type == ConditionType.Json || right.Type == ConditionType.Json || left.Type == right.Type)
        {
            return;
        }

        var (placeholder, other) = left is PlaceholderOperand or FunctionOperand ? (left, right) : (right, left);
        var hint = (placeholder.Type, other.Type) switch
        {
            (ConditionType.Duration, ConditionType.Number) => $"; give a unit: {other.Text}ms or {other.Text}s",
            (ConditionType.Number, ConditionType.Text) => "; write the number without quotes",
            (ConditionType.Text, ConditionType.Number) => $"; quote it: \"{other.Text}\"",
            _ => string.Empty,
        };
        throw Error($"{placeholder.Text} is {Describe(placeholder.Type)} but {other.Text} is {Describe(other.Type)}{hint}", other);
    }

    private static string Describe(ConditionType type) => type switch
    {
        ConditionType.Number => "a number",
        ConditionType.Text => "text",
        ConditionType.Duration => "a duration",
        ConditionType.Bool => "true or false",
        ConditionType.List => "a list",
        ConditionType.Json => "a JSON value",
        ConditionType.Null => "null",
        _ => "a range",
    };

    private static ConditionSyntaxException Error(string problem, Operand at) => new(problem, at.Column);
}
