namespace ControlPlane.Testing.Chaos;

/// <summary><see cref="ChaosRules.DecisionOrder"/>: one endpoint's decisions, ordered by sequence, form one chain of states.</summary>
/// <remarks>
/// A decision repeating a sequence is reported once and left out of the chain, so that the
/// repetition is not reported again as a broken link.
/// </remarks>
internal static class DecisionRules
{
    public static IEnumerable<Violation> Check(IReadOnlyList<HistoryEvent> events)
    {
        foreach (var decisions in events.OfType<DecisionMade>().GroupBy(d => d.Endpoint))
        {
            DecisionMade? previous = null;
            foreach (var decision in decisions.OrderBy(d => d.Sequence))
            {
                if (previous is not null && decision.Sequence == previous.Sequence)
                {
                    var which = decision.Id == previous.Id ? $"{decision.Id} listed twice" : $"{previous.Id} and {decision.Id}";
                    yield return new(ChaosRules.DecisionOrder, decision.Endpoint, decision.At, $"{decision.Endpoint} has two decisions with sequence {decision.Sequence}: {which}");
                    continue;
                }

                if (previous is not null && decision.From != previous.To)
                {
                    yield return new(
                        ChaosRules.DecisionOrder,
                        decision.Endpoint,
                        decision.At,
                        $"decision {decision.Id} (sequence {decision.Sequence}) of {decision.Endpoint} goes from {decision.From} but the previous decision {previous.Id} (sequence {previous.Sequence}) went to {previous.To}");
                }

                previous = decision;
            }
        }
    }
}
