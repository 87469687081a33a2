using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads a service's optional <c>health</c> map: thresholds, quorum and flap damping.</summary>
internal static class HealthPolicyReader
{
    private const int MaxThreshold = 100;

    private static readonly (string, QuorumMode)[] Modes =
        [("majority", QuorumMode.Majority), ("n-of-m", QuorumMode.NOfM), ("healthy-percentage", QuorumMode.HealthyPercentage)];

    /// <param name="regionCount">Configured regions; 0 when the regions themselves are invalid, which lifts the upper bounds.</param>
    public static HealthPolicy Read(YamlValue? value, int regionCount, ErrorList errors)
    {
        if (value is not { } health || MappingReader.Open(health, errors) is not { } map)
        {
            return new HealthPolicy();
        }

        var defaults = new HealthPolicy();
        var policy = new HealthPolicy
        {
            Fall = map.Integer("fall", 1, MaxThreshold) ?? defaults.Fall,
            Rise = map.Integer("rise", 1, MaxThreshold) ?? defaults.Rise,
            StaleAfterIntervals = map.Integer("staleAfterIntervals", 1, MaxThreshold) ?? defaults.StaleAfterIntervals,
            Quorum = ReadQuorum(map.Map("quorum"), regionCount, errors),
            FlapDamping = ReadFlapDamping(map.Map("flapDamping")),
        };
        map.RejectUnknown();
        return policy;
    }

    private static QuorumPolicy ReadQuorum(MappingReader? map, int regionCount, ErrorList errors)
    {
        var defaults = new QuorumPolicy();
        if (map is null)
        {
            return defaults;
        }

        var mode = map.Choice("mode", Modes) ?? defaults.Mode;
        var maxRegions = regionCount > 0 ? regionCount : int.MaxValue;
        var count = RegionCount(map, "count", QuorumMode.NOfM, mode, defaults.Count, maxRegions, regionCount, errors);
        var percentage = OnlyFor(map, "healthyPercentage", QuorumMode.HealthyPercentage, mode, errors) is { } p
            ? ValueReader.Integer(p, errors, 1, 100) : null;
        var minReporting = RegionCount(map, "minReporting", QuorumMode.HealthyPercentage, mode, defaults.MinReporting, maxRegions, regionCount, errors);
        map.RejectUnknown();
        return new QuorumPolicy
        {
            Mode = mode,
            Count = count,
            HealthyPercentage = percentage ?? defaults.HealthyPercentage,
            MinReporting = minReporting,
        };
    }

    /// <summary>A number of regions (count, minReporting): 1..regions, and its default must fit the regions too.</summary>
    private static int RegionCount(
        MappingReader map, string name, QuorumMode owner, QuorumMode mode, int fallback, int max, int regionCount, ErrorList errors)
    {
        if (OnlyFor(map, name, owner, mode, errors) is { } field)
        {
            return ValueReader.Integer(field, errors, 1, max) ?? fallback;
        }

        if (mode == owner && regionCount > 0 && fallback > regionCount)
        {
            errors.Add(
                ConfigPath.Field(map.Path, name),
                $"defaults to {fallback}, more than the {regionCount} configured region(s); set it to at most {regionCount}",
                map.At);
        }

        return fallback;
    }

    /// <summary>A field that only means something under one quorum mode; under another it is reported, not ignored.</summary>
    private static YamlValue? OnlyFor(MappingReader map, string name, QuorumMode owner, QuorumMode mode, ErrorList errors)
    {
        var field = map.Field(name);
        if (field is { } value && mode != owner)
        {
            errors.Add(value.Path, $"applies only when mode is {Modes.First(m => m.Item2 == owner).Item1}", value.At);
            return null;
        }

        return field;
    }

    private static FlapDampingPolicy ReadFlapDamping(MappingReader? map)
    {
        var defaults = new FlapDampingPolicy();
        if (map is null)
        {
            return defaults;
        }

        var policy = new FlapDampingPolicy
        {
            Enabled = map.Bool("enabled") ?? defaults.Enabled,
            MaxTransitions = map.Integer("maxTransitions", 1, MaxThreshold) ?? defaults.MaxTransitions,
            Window = map.Duration("window", CheckReader.MinTimeout, DurationText.Max) ?? defaults.Window,
            HoldFor = map.Duration("holdFor", CheckReader.MinTimeout, DurationText.Max) ?? defaults.HoldFor,
        };
        map.RejectUnknown();
        return policy;
    }
}
