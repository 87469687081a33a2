using ControlPlane.Grains;
using ControlPlane.Runtime;

namespace ControlPlane.Silo;

/// <summary>Turns the membership view into the shards this silo should own, and keeps the right grains active.</summary>
internal sealed class PlacementLoop(MembershipAgent membership, ShardLeaseKeeper keeper, GrainActivator activator)
{
    private int _syncRequested;

    /// <summary>Recomputes this silo's shards by rendezvous hashing over the live silos.</summary>
    public void Replace() =>
        keeper.SetWanted(RendezvousPlacement.ShardsOwnedBy(membership.Self.SiloId, membership.Live, activator.AllShards()).ToList());

    /// <summary>Activates newly acquired grains soon, coalescing bursts (many shards acquired at once).</summary>
    public void RequestSync()
    {
        if (Interlocked.Exchange(ref _syncRequested, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(50);
                Interlocked.Exchange(ref _syncRequested, 0);
                await activator.SyncAsync();
            });
        }
    }

    public Task SyncAsync() => activator.SyncAsync();
}
