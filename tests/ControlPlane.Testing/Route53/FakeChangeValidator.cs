using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Testing.Route53;

/// <summary>
/// Checks and applies a change batch the way Route 53 does: every change in order against a working copy
/// of the zone, every problem collected, and the zone changed only if there were none.
/// </summary>
internal static class FakeChangeValidator
{
    public const int MaxChanges = 100;
    public const int MaxRecords = 1000;
    public const int MaxCharacters = 32000;

    /// <summary>The caller holds the zone's gate.</summary>
    public static IReadOnlyList<string> Apply(FakeHostedZone zone, IReadOnlyList<(string Action, FakeRecordSet Set)> changes, int records, int characters)
    {
        var messages = new List<string>();
        if (changes.Count > MaxChanges)
        {
            messages.Add($"Number of changes limit of {MaxChanges} exceeded: {changes.Count}");
        }

        if (records > MaxRecords)
        {
            messages.Add($"Number of records limit of {MaxRecords} exceeded: {records}");
        }

        if (characters > MaxCharacters)
        {
            messages.Add($"Number of characters limit of {MaxCharacters} exceeded: {characters}");
        }

        var working = zone.Snapshot();
        foreach (var (action, set) in changes)
        {
            var problems = Check(zone, set);
            if (problems.Count > 0)
            {
                messages.AddRange(problems);
                continue;
            }

            var exists = working.TryGetValue(set.Key, out var current);
            switch (action)
            {
                case "CREATE" when exists:
                    messages.Add($"Tried to create resource record set {set.Describe()} but it already exists");
                    continue;
                case "DELETE" when !exists:
                    messages.Add($"Tried to delete resource record set {set.Describe()} but it was not found");
                    continue;
                case "DELETE" when !current!.MatchesExactly(set):
                    messages.Add($"Tried to delete resource record set {set.Describe()} but the values provided do not match the current values");
                    continue;
                case "DELETE":
                    working.Remove(set.Key);
                    continue;
            }

            var conflict = working.Values.FirstOrDefault(s => s.Name == set.Name && s.Type == set.Type && s.Key != set.Key
                                                              && (s.Policy != set.Policy || set.Policy == "simple" || s.Policy == "simple"));
            if (conflict is not null)
            {
                messages.Add($"RRSet {set.Describe()} with routing policy {set.Policy} cannot be created as a {conflict.Policy} RRSet {conflict.Describe()} exists with the same name and type");
                continue;
            }

            working[set.Key] = set;
        }

        if (messages.Count == 0)
        {
            zone.Replace(working);
        }

        return messages;
    }

    private static List<string> Check(FakeHostedZone zone, FakeRecordSet set)
    {
        var problems = new List<string>();
        if (set.Name != zone.Name && !set.Name.EndsWith("." + zone.Name, StringComparison.Ordinal))
        {
            problems.Add($"RRSet with DNS name {set.Name} is not permitted in zone {zone.Name}");
        }

        if (set.Ttl is null)
        {
            problems.Add($"Invalid request: Missing field 'TTL' in Change for {set.Describe()}");
        }

        if (set.Values.Count == 0)
        {
            problems.Add($"Invalid request: Missing field 'ResourceRecords' in Change for {set.Describe()}");
        }

        var family = set.Type switch { "A" => AddressFamily.InterNetwork, "AAAA" => AddressFamily.InterNetworkV6, _ => AddressFamily.Unspecified };
        foreach (var value in set.Values)
        {
            if (family != AddressFamily.Unspecified && !(IPAddress.TryParse(value, out var address) && address.AddressFamily == family))
            {
                problems.Add($"Invalid Resource Record: 'FATAL problem: {(family == AddressFamily.InterNetwork ? "ARRDATAIllegalIPv4Address" : "AAAARRDATAIllegalIPv6Address")} (Value is not a valid IP address) encountered with '{value}''");
            }
        }

        if (set.Values.Distinct().Count() != set.Values.Count)
        {
            problems.Add($"Duplicate Resource Record in {set.Describe()}");
        }

        if (set.SetIdentifier is null && set.Policy != "simple")
        {
            problems.Add($"Invalid request: Missing field 'SetIdentifier' in Change for {set.Describe()}");
        }

        if (set.SetIdentifier is not null && set.Policy == "other")
        {
            problems.Add($"Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer] in Change for {set.Describe()}");
        }

        if (set.Weight is < 0 or > 255)
        {
            problems.Add($"Invalid request: Weight {set.Weight} of {set.Describe()} is outside 0..255");
        }

        return problems;
    }
}
