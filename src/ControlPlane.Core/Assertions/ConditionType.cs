namespace ControlPlane.Core.Assertions;

/// <summary>The static type of an operand, checked when a condition is parsed.</summary>
public enum ConditionType
{
    Number,
    Text,
    Duration,
    Bool,

    /// <summary>A list of texts (DNS answers).</summary>
    List,

    /// <summary>A value from a JSON body, typed only when the response arrives.</summary>
    Json,

    Null,

    /// <summary>An inclusive number range (<c>200..299</c>), only on the right of <c>==</c> / <c>!=</c> or inside <c>any()</c>.</summary>
    Range,
}
