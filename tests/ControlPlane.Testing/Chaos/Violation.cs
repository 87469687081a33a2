namespace ControlPlane.Testing.Chaos;

/// <summary>One broken rule in a chaos run's history.</summary>
/// <param name="Rule">The rule's name, one of <see cref="ChaosRules"/>.</param>
/// <param name="Subject">The endpoint or service the rule was broken for.</param>
/// <param name="At">When, since the start of the run.</param>
/// <param name="Message">What happened, in a sentence that names the events involved.</param>
public sealed record Violation(string Rule, string Subject, TimeSpan At, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Rule} {Subject} at {Seconds.Of(At)} s: {Message}";
}
