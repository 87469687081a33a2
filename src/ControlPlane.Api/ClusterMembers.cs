using ControlPlane.Grains.Placement;
using Microsoft.AspNetCore.Http;
using Orleans.Runtime;

namespace ControlPlane.Api;

/// <summary><c>GET /api/v1/cluster</c>: the silos of the cluster as this silo's membership view has them.</summary>
internal static class ClusterMembers
{
    public static IResult List(IClusterMembershipService membership, SiloRegions regions)
    {
        var snapshot = membership.CurrentSnapshot;
        var silos = snapshot.Members.Values
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => new SiloView(
                regions.SiloIdOf(m.SiloAddress) ?? m.Name,
                m.SiloAddress.ToParsableString(),
                m.Status.ToString().ToLowerInvariant(),
                regions.RegionOf(m.SiloAddress),
                m.SiloAddress.Equals(regions.LocalSilo)))
            .ToList();
        return Results.Ok(new ClusterView(snapshot.Version.Value, silos));
    }
}

/// <summary>The membership view: its version and every silo in it.</summary>
public sealed record ClusterView(long MembershipVersion, IReadOnlyList<SiloView> Silos);

/// <summary>One silo: its configured id, Orleans address (ip:port@generation), status (active, dead, ...), region, and whether it is the one answering.</summary>
public sealed record SiloView(string Id, string Address, string Status, string? Region, bool Self);
