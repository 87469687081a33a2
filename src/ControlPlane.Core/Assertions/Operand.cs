using Json.Pointer;

namespace ControlPlane.Core.Assertions;

/// <summary>One side of a condition, as parsed: a placeholder, a literal, a function call, <c>any(...)</c> or a range.</summary>
/// <param name="Column">1-based position of the operand in the condition text.</param>
/// <param name="Text">The operand as written, for failure details.</param>
public abstract record Operand(int Column, string Text)
{
    /// <summary>The operand's type, known when the condition is parsed.</summary>
    public abstract ConditionType Type { get; }
}

/// <summary><c>[NAME]</c>, <c>[HEADER:Name]</c> or <c>[BODY]</c> with a JSON path.</summary>
/// <param name="Argument">The header name of <c>[HEADER:Name]</c>; null otherwise.</param>
/// <param name="Path">The JSON path after <c>[BODY]</c> as a JSON Pointer; null for the whole body.</param>
public sealed record PlaceholderOperand(int Column, string Text, PlaceholderKind Kind, ConditionType ValueType, string? Argument, JsonPointer? Path)
    : Operand(Column, Text)
{
    public override ConditionType Type => ValueType;
}

/// <summary>A number, duration, text, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
/// <param name="Value">A double, TimeSpan, string, bool, or null.</param>
public sealed record LiteralOperand(int Column, string Text, object? Value, ConditionType LiteralType) : Operand(Column, Text)
{
    public override ConditionType Type => LiteralType;
}

/// <summary><c>len(x)</c> (a number) or <c>has(x)</c> (a bool).</summary>
public sealed record FunctionOperand(int Column, string Text, string Function, Operand Argument) : Operand(Column, Text)
{
    public override ConditionType Type => Function == ConditionFunctions.Length ? ConditionType.Number : ConditionType.Bool;
}

/// <summary><c>any(a, b, ...)</c>: equal to at least one choice; only on the right of <c>==</c> and <c>!=</c>.</summary>
public sealed record AnyOperand(int Column, string Text, IReadOnlyList<Operand> Choices) : Operand(Column, Text)
{
    public override ConditionType Type => Choices[0].Type;
}

/// <summary><c>200..299</c>: an inclusive number range.</summary>
public sealed record RangeOperand(int Column, string Text, double From, double To) : Operand(Column, Text)
{
    public override ConditionType Type => ConditionType.Range;
}

/// <summary>The function names of the condition language.</summary>
public static class ConditionFunctions
{
    public const string Length = "len";
    public const string Has = "has";
    public const string Any = "any";
}
