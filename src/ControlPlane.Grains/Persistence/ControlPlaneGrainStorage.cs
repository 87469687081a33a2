using ControlPlane.Storage;
using Orleans.Runtime;
using Orleans.Storage;

namespace ControlPlane.Grains.Persistence;

/// <summary>Orleans grain storage over the store's ETag-fenced <see cref="IGrainStateStore"/> (SQLite or Cassandra).</summary>
/// <remarks>
/// Every write is conditioned on the ETag the activation last read or wrote, so a deposed duplicate
/// activation (possible for a moment while membership changes) can never overwrite newer state: its
/// write fails with <see cref="InconsistentStateException"/> and Orleans drops the activation. The
/// decisions and DNS changes the grain recorded since its last write (<see cref="IRecordsAudit"/>)
/// go in the same atomic write, so an outcome and its audit record are stored together or not at all;
/// a webhook outbox in the state (<see cref="IHoldsWebhookOutbox"/>) is part of the state itself, and
/// learns after each write which of its deliveries are stored and may be sent.
/// State is stored as the store's JSON (<see cref="StoreJson"/>), readable by both backends and by people.
/// </remarks>
internal sealed class ControlPlaneGrainStorage(IGrainStateStore store) : IGrainStorage
{
    /// <summary>The provider name grains use in <c>[PersistentState(..., Name)]</c>.</summary>
    public const string Name = "controlplane";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await store.ReadAsync(KeyOf(grainId), CancellationToken.None);
        grainState.State = stored is null ? Activator.CreateInstance<T>() : StoreJson.Deserialize<T>(stored.StateJson);
        grainState.ETag = stored?.ETag;
        grainState.RecordExists = stored is not null;
        (grainState.State as IHoldsWebhookOutbox)?.Webhooks.MarkPersisted();
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var audit = (grainState.State as IRecordsAudit)?.Audit;
        var outbox = (grainState.State as IHoldsWebhookOutbox)?.Webhooks;
        var write = new GrainStateWrite(KeyOf(grainId), StoreJson.Serialize(grainState.State), grainState.ETag,
            audit?.Decisions.ToList() ?? [], audit?.DnsChanges.ToList() ?? []);
        try
        {
            grainState.ETag = await store.WriteAsync(write, CancellationToken.None);
        }
        catch (GrainStateConflictException e)
        {
            throw new InconsistentStateException(e.Message, e.StoredETag, e.ExpectedETag, e);
        }

        grainState.RecordExists = true;
        audit?.Clear();
        outbox?.MarkPersisted();
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await store.ClearAsync(KeyOf(grainId), grainState.ETag, CancellationToken.None);
        }
        catch (GrainStateConflictException e)
        {
            throw new InconsistentStateException(e.Message, e.StoredETag, e.ExpectedETag, e);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    /// <summary>The store key of a grain: its grain type (probe, endpoint, ...) and string key.</summary>
    public static GrainKey KeyOf(GrainId grainId) => new(grainId.Type.ToString()!, grainId.Key.ToString()!);
}
