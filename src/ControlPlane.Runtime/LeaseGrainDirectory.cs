using System.Collections.Concurrent;
using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>Finds a shard's owner from its lease row and the owner's address from membership; cached briefly.</summary>
public sealed class LeaseGrainDirectory(ILeaseStore leases, MembershipAgent membership, TimeProvider time) : IGrainDirectory
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, (Uri? Owner, DateTimeOffset Until)> _cache = new();

    public async ValueTask<Uri?> FindOwnerAsync(string shard, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(shard, out var cached) && cached.Until > now)
        {
            return cached.Owner;
        }

        var lease = await leases.ReadAsync(shard, cancellationToken);
        var owner = lease is not null && lease.ExpiresAt > now
            ? membership.Live.FirstOrDefault(s => s.SiloId == lease.Owner)?.Address
            : null;
        _cache[shard] = (owner, now + CacheFor);
        return owner;
    }

    public void Invalidate(string shard) => _cache.TryRemove(shard, out _);
}
