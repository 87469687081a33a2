using System.Collections.Concurrent;
using Orleans.Runtime;

namespace ControlPlane.Grains.Hosting;

/// <summary>The control-plane grains active on this silo (each registers on activation and leaves on deactivation).</summary>
public sealed class LocalGrains
{
    private readonly ConcurrentDictionary<GrainId, byte> _active = new();

    public void Add(GrainId grain) => _active.TryAdd(grain, 0);

    public void Remove(GrainId grain) => _active.TryRemove(grain, out _);

    public IReadOnlyCollection<GrainId> Active => _active.Keys.ToList();

    public int Count(string kind) => _active.Keys.Count(g => g.Type.ToString() == kind);
}
