namespace ControlPlane.Core.Assertions;

/// <summary>A condition that cannot be parsed or type-checked; <see cref="Column"/> is where, counted from 1.</summary>
public sealed class ConditionSyntaxException(string problem, int column)
    : Exception($"column {column}: {problem}")
{
    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; } = problem;

    /// <summary>1-based character position in the condition text.</summary>
    public int Column { get; } = column;
}
