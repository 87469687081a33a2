namespace ControlPlane.Grains.Webhooks;

/// <summary>The subscriptions created through the API, cluster-wide. One grain, key <see cref="Key"/>.</summary>
[Alias("controlplane.webhook-registry")]
public interface IWebhookRegistryGrain : IGrainWithStringKey
{
    public const string Key = "api";

    Task<IReadOnlyList<StoredWebhook>> ListAsync();

    /// <summary>Adds it; false when a subscription with its id exists.</summary>
    Task<bool> AddAsync(StoredWebhook webhook);

    /// <summary>Removes it; false when there was none with this id.</summary>
    Task<bool> RemoveAsync(string id);
}
