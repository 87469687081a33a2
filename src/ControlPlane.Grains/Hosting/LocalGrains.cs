using System.Collections.Concurrent;
using ControlPlane.Telemetry;
using Orleans.Runtime;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// The control-plane grains active on this silo (each registers on activation and leaves on
/// deactivation); kept in <c>controlplane_grains_active</c>. A grain that leaves takes its
/// per-endpoint or per-service gauge series with it, so a silo exports only the grains it holds.
/// </summary>
public sealed class LocalGrains(ControlPlaneMetrics metrics)
{
    private readonly ConcurrentDictionary<GrainId, byte> _active = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(GrainId grain)
    {
        if (_active.TryAdd(grain, 0))
        {
            Count(grain, +1);
        }
    }

    public void Remove(GrainId grain)
    {
        if (_active.TryRemove(grain, out _))
        {
            Count(grain, -1);
            ForgetSeries(grain);
        }
    }

    public IReadOnlyCollection<GrainId> Active => _active.Keys.ToList();

    public bool Contains(GrainId grain) => _active.ContainsKey(grain);

    public int Count(string kind) => _counts.GetValueOrDefault(kind);

    private void ForgetSeries(GrainId grain)
    {
        var key = grain.Key.ToString()!;
        switch (grain.Type.ToString())
        {
            case GrainKinds.Probe when GrainKeys.RegionOf(key) is { } region:
                metrics.ForgetProbe(GrainKeys.IdOf(key), region);
                break;
            case GrainKinds.Endpoint:
                metrics.ForgetEndpoint(key);
                break;
            case GrainKinds.Service:
                metrics.ForgetService(key);
                break;
        }
    }

    private void Count(GrainId grain, int delta)
    {
        var kind = grain.Type.ToString()!;
        var count = _counts.AddOrUpdate(kind, Math.Max(0, delta), (_, n) => n + delta);
        metrics.ActiveGrains.WithLabels(kind).Set(count);
    }
}
