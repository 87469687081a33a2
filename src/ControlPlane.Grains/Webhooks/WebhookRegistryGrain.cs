using ControlPlane.Grains.Persistence;

namespace ControlPlane.Grains.Webhooks;

/// <summary>Keeps the API's webhook subscriptions in the store (fenced grain state, like every grain's).</summary>
[GrainType("webhooks")]
internal sealed class WebhookRegistryGrain(
    [PersistentState("webhooks", ControlPlaneGrainStorage.Name)] IPersistentState<WebhookRegistryState> state) : Grain, IWebhookRegistryGrain
{
    public Task<IReadOnlyList<StoredWebhook>> ListAsync() => Task.FromResult<IReadOnlyList<StoredWebhook>>(state.State.Webhooks.ToList());

    public async Task<bool> AddAsync(StoredWebhook webhook)
    {
        if (state.State.Webhooks.Any(w => w.Id == webhook.Id))
        {
            return false;
        }

        state.State.Webhooks.Add(webhook);
        await state.WriteStateAsync();
        return true;
    }

    public async Task<bool> RemoveAsync(string id)
    {
        if (state.State.Webhooks.RemoveAll(w => w.Id == id) == 0)
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }
}

/// <summary>The stored list of <see cref="WebhookRegistryGrain"/>.</summary>
public sealed class WebhookRegistryState
{
    public List<StoredWebhook> Webhooks { get; set; } = [];
}
