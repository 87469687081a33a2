namespace ControlPlane.Core.Assertions;

/// <summary>How a condition compares its two sides.</summary>
public enum ConditionOperator
{
    /// <summary>No operator: the condition is one boolean operand (<c>has([BODY].token)</c>, <c>[CONNECTED]</c>).</summary>
    IsTrue,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary><c>=~</c>: the left side, as text, matches the regular expression on the right.</summary>
    Matches,

    /// <summary><c>!~</c>: the left side, as text, does not match the regular expression on the right.</summary>
    NotMatches,

    /// <summary><c>contains</c>: text contains the substring, or a list / JSON array has the element.</summary>
    Contains,

    /// <summary><c>!contains</c>: the negation of <see cref="Contains"/>.</summary>
    NotContains,
}
