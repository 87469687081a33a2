namespace ControlPlane.Testing.Chaos;

/// <summary><see cref="ChaosRules.DnsChangeTwice"/>: every DNS change the API lists is made once and changes something.</summary>
/// <remarks>
/// Each change is reported at most once: a change listed again under the same id is then ignored,
/// and a change that changes nothing is not reported again for repeating its predecessor (it
/// nearly always does).
/// </remarks>
internal static class DnsChangeRules
{
    public static IEnumerable<Violation> Check(IReadOnlyList<HistoryEvent> events)
    {
        var seen = new Dictionary<string, DnsChangeRecorded>();
        var previousOfService = new Dictionary<string, DnsChangeRecorded>();
        foreach (var change in events.OfType<DnsChangeRecorded>())
        {
            if (seen.TryGetValue(change.Id, out var first))
            {
                yield return new(ChaosRules.DnsChangeTwice, change.Service, change.At, $"change {change.Id} of {change.Service} listed twice (first at {Seconds.Of(first.At)} s)");
                continue;
            }

            seen[change.Id] = change;
            if (change.Before.ToHashSet().SetEquals(change.After))
            {
                yield return new(ChaosRules.DnsChangeTwice, change.Service, change.At, $"change {change.Id} of {change.Service} changes nothing: before and after it serves {List(change.After)}");
            }
            else if (previousOfService.TryGetValue(change.Service, out var previous) && previous.After.ToHashSet().SetEquals(change.After))
            {
                yield return new(ChaosRules.DnsChangeTwice, change.Service, change.At, $"change {change.Id} of {change.Service} sets the same endpoints as change {previous.Id} before it: {List(change.After)}");
            }

            previousOfService[change.Service] = change;
        }
    }

    private static string List(IReadOnlyList<string> endpoints) => endpoints.Count == 0 ? "nothing" : string.Join(", ", endpoints.Order(StringComparer.Ordinal));
}
