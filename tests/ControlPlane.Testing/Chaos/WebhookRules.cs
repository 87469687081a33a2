namespace ControlPlane.Testing.Chaos;

/// <summary>
/// <see cref="ChaosRules.WebhookLost"/> and <see cref="ChaosRules.WebhookOrder"/>: every decision
/// that raises an event reaches the webhook receiver at least once (the event id is <c>decision:</c>
/// and the decision id), and one endpoint's first receipts come in the order of its decisions'
/// sequence. A health change from or to <c>unknown</c> (start-up) raises no event.
/// </summary>
/// <remarks>
/// Receipts at the same instant are ordered as the history lists them. A decision whose first
/// receipt comes before that of a decision earlier in sequence is reported, once, against the
/// latest receipt so far of the earlier ones.
/// </remarks>
internal static class WebhookRules
{
    public const string DecisionEventPrefix = "decision:";

    /// <summary>Whether the decision raises a webhook event: the product says nothing of learning an endpoint's state.</summary>
    public static bool RaisesEvent(DecisionMade decision) => decision.From != Unknown && decision.To != Unknown;

    private const string Unknown = "unknown";

    public static IEnumerable<Violation> Check(IReadOnlyList<HistoryEvent> events)
    {
        var firstReceipt = new Dictionary<string, (int Index, WebhookReceived Receipt)>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is WebhookReceived receipt)
            {
                firstReceipt.TryAdd(receipt.EventId, (i, receipt));
            }
        }

        var decisions = events.OfType<DecisionMade>().Where(RaisesEvent).DistinctBy(d => d.Id).ToList();
        foreach (var lost in decisions.Where(d => !firstReceipt.ContainsKey(DecisionEventPrefix + d.Id)))
        {
            yield return new(
                ChaosRules.WebhookLost,
                lost.Endpoint,
                lost.At,
                $"decision {lost.Id} (sequence {lost.Sequence}, {lost.From} to {lost.To}) of {lost.Endpoint} never reached the webhook receiver");
        }

        foreach (var ofEndpoint in decisions.GroupBy(d => d.Endpoint))
        {
            (int Index, WebhookReceived Receipt, DecisionMade Decision)? latest = null;
            foreach (var decision in ofEndpoint.OrderBy(d => d.Sequence))
            {
                if (!firstReceipt.TryGetValue(DecisionEventPrefix + decision.Id, out var first))
                {
                    continue;
                }

                if (latest is { } earlier && first.Index < earlier.Index)
                {
                    yield return new(
                        ChaosRules.WebhookOrder,
                        decision.Endpoint,
                        first.Receipt.At,
                        $"the webhook for decision {decision.Id} (sequence {decision.Sequence}) of {decision.Endpoint} first arrived at {Seconds.Of(first.Receipt.At)} s, before the one for {earlier.Decision.Id} (sequence {earlier.Decision.Sequence}) at {Seconds.Of(earlier.Receipt.At)} s");
                    continue;
                }

                latest = (first.Index, first.Receipt, decision);
            }
        }
    }
}
