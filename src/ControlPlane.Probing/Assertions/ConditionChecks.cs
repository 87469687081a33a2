using ControlPlane.Core.Assertions;
using ControlPlane.Core.Model;

namespace ControlPlane.Probing.Assertions;

/// <summary>Evaluates a list of conditions in order; the first that fails decides the outcome.</summary>
internal static class ConditionChecks
{
    /// <summary>Null when every condition holds, otherwise the outcome and detail of the first that did not.</summary>
    public static (ObservationOutcome Outcome, string Detail)? FirstFailure(IReadOnlyList<Condition> conditions, ConditionInputs inputs)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            var result = conditions[i].Evaluate(inputs);
            if (!result.Passed)
            {
                return (OutcomeOf(conditions[i]), result.Failure!);
            }
        }

        return null;
    }

    /// <summary>A failed condition about the status is <see cref="ObservationOutcome.UnexpectedStatus"/>, about the body a mismatch, and so on.</summary>
    public static ObservationOutcome OutcomeOf(Condition condition) => condition.Subject switch
    {
        PlaceholderKind.Status => ObservationOutcome.UnexpectedStatus,
        PlaceholderKind.Body or PlaceholderKind.Header => ObservationOutcome.BodyMismatch,
        PlaceholderKind.ResponseTime => ObservationOutcome.TooSlow,
        PlaceholderKind.CertificateExpiration => ObservationOutcome.CertificateInvalid,
        _ => ObservationOutcome.AssertionFailed,
    };
}
