using ControlPlane.Dns.Route53.Protocol;

namespace ControlPlane.Dns.Route53.Planning;

/// <summary>Splits an ordered list of changes into requests that stay within <see cref="ChangeBatchLimits"/>.</summary>
/// <remarks>
/// Greedy and order-preserving: a change joins the current batch while all three counts fit, else it
/// starts the next batch. The order the planner chose (conflicting deletes, then writes, then plain
/// deletes) therefore holds across batches too. A change too big for an empty batch cannot be sent
/// at all and is refused.
/// </remarks>
internal static class ChangeBatcher
{
    public static IReadOnlyList<IReadOnlyList<Change>> Split(IReadOnlyList<Change> changes, ChangeBatchLimits limits)
    {
        var batches = new List<IReadOnlyList<Change>>();
        var current = new List<Change>();
        int records = 0, characters = 0;
        foreach (var change in changes)
        {
            if (change.RecordCount > limits.MaxRecords || change.ValueCharacters > limits.MaxValueCharacters)
            {
                throw new ChangeTooLargeException(
                    $"{change} alone counts {change.RecordCount} records and {change.ValueCharacters} characters; " +
                    $"one Route 53 request allows {limits.MaxRecords} and {limits.MaxValueCharacters}");
            }

            if (current.Count > 0 && (current.Count + 1 > limits.MaxChanges
                                      || records + change.RecordCount > limits.MaxRecords
                                      || characters + change.ValueCharacters > limits.MaxValueCharacters))
            {
                batches.Add(current);
                current = [];
                records = characters = 0;
            }

            current.Add(change);
            records += change.RecordCount;
            characters += change.ValueCharacters;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }
}
