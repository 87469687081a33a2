using System.Text.RegularExpressions;

namespace ControlPlane.Core.Assertions;

/// <summary>One parsed, type-checked condition: compiled once when the definition is validated, evaluated on every check.</summary>
public sealed class Condition
{
    internal Condition(string text, Operand left, ConditionOperator op, Operand? right, Regex? regex)
    {
        Text = text;
        Left = left;
        Operator = op;
        Right = right;
        Regex = regex;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    public Operand Left { get; }

    public ConditionOperator Operator { get; }

    /// <summary>Null for <see cref="ConditionOperator.IsTrue"/>.</summary>
    public Operand? Right { get; }

    /// <summary>The placeholder the condition is about (its left side's), which decides the failure's outcome.</summary>
    public PlaceholderKind? Subject => Left switch
    {
        PlaceholderOperand p => p.Kind,
        FunctionOperand { Argument: PlaceholderOperand p } => p.Kind,
        _ => (Right as PlaceholderOperand)?.Kind,
    };

    /// <summary>Whether any side reads <paramref name="kind"/> (a check reads the body only when a condition needs it).</summary>
    public bool Uses(PlaceholderKind kind) => Uses(Left, kind) || (Right is { } right && Uses(right, kind));

    internal Regex? Regex { get; }

    /// <summary>Evaluates the condition against what one check observed.</summary>
    public ConditionResult Evaluate(ConditionInputs inputs) => ConditionEvaluator.Evaluate(this, inputs);

    public override string ToString() => Text;

    private static bool Uses(Operand operand, PlaceholderKind kind) => operand switch
    {
        PlaceholderOperand p => p.Kind == kind,
        FunctionOperand f => Uses(f.Argument, kind),
        _ => false,
    };
}

/// <summary>The result of one condition: passed, or why not (<c>[STATUS] == 200 failed: [STATUS] is 503</c>).</summary>
public readonly record struct ConditionResult(bool Passed, string? Failure)
{
    public static readonly ConditionResult Pass = new(true, null);
}
