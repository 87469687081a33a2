using ControlPlane.Core.Model;
using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>A grain whose state is read on activation and committed, fenced, with the decisions and DNS changes of a turn.</summary>
public abstract class PersistentGrain<TState>(IGrainStateStore store) : Grain
    where TState : class, new()
{
    /// <summary>The grain's state; change it, then <see cref="CommitAsync"/>.</summary>
    protected TState State { get; set; } = new();

    /// <summary>True when a stored state was found on activation.</summary>
    protected bool Resumed { get; private set; }

    protected internal override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var json = await store.ReadAsync(Id, cancellationToken);
        if (json is not null)
        {
            State = StoreJson.Deserialize<TState>(json);
            Resumed = true;
        }
    }

    /// <summary>
    /// Writes <see cref="State"/> with the decisions and DNS changes atomically under this
    /// activation's fence. Throws <see cref="FenceLostException"/> when another silo owns the
    /// shard now; the runtime then drops this activation.
    /// </summary>
    protected Task CommitAsync(IReadOnlyList<Decision>? decisions = null, IReadOnlyList<DnsChange>? dnsChanges = null) =>
        store.CommitAsync(new GrainCommit(Id, StoreJson.Serialize(State), decisions ?? [], dnsChanges ?? []), Fence, CancellationToken.None);
}
