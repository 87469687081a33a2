using System.Net;

namespace ControlPlane.Testing.Route53;

/// <summary>A record set as the local Route 53 stores it (its own model, independent of the client's).</summary>
public sealed record FakeRecordSet
{
    /// <summary>Lower case, fully qualified, unescaped.</summary>
    public required string Name { get; init; }

    public required string Type { get; init; }

    public string? SetIdentifier { get; init; }

    public long? Weight { get; init; }

    public string? Failover { get; init; }

    public bool? MultiValueAnswer { get; init; }

    public long? Ttl { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    public string? HealthCheckId { get; init; }

    public (string Name, string Type, string? SetIdentifier) Key => (Name, Type, SetIdentifier);

    public string Policy =>
        Failover is not null ? "failover" : Weight is not null ? "weighted" : MultiValueAnswer == true ? "multivalue" : SetIdentifier is null ? "simple" : "other";

    /// <summary>What a DELETE must match: everything, values in any order.</summary>
    public bool MatchesExactly(FakeRecordSet other) =>
        Key == other.Key && Ttl == other.Ttl && Weight == other.Weight && Failover == other.Failover
        && (MultiValueAnswer ?? false) == (other.MultiValueAnswer ?? false) && HealthCheckId == other.HealthCheckId
        && Normalized(Values).SetEquals(Normalized(other.Values));

    public string Describe() =>
        $"[name='{Name}', type='{Type}'" + (SetIdentifier is null ? string.Empty : $", set-identifier='{SetIdentifier}'") + "]";

    private static HashSet<string> Normalized(IEnumerable<string> values) =>
        values.Select(v => IPAddress.TryParse(v, out var a) ? a.ToString() : v).ToHashSet();
}
