using ControlPlane.Core.Webhooks;

namespace ControlPlane.Grains.Webhooks;

/// <summary>This silo's view of every webhook subscription: the cluster definition's and those created through the API.</summary>
/// <remarks>
/// The definition's come with the definition (every silo acts on the same version); the API's are
/// kept by <see cref="IWebhookRegistryGrain"/> and refreshed from it by <see cref="WebhookRegistryRefresher"/>.
/// An id in both is the definition's.
/// </remarks>
public sealed class WebhookSubscriptions(ClusterContext cluster)
{
    private IReadOnlyList<WebhookSubscription> _fromApi = [];

    /// <summary>Every subscription, definition first.</summary>
    public IReadOnlyList<WebhookSubscription> All
    {
        get
        {
            var fromDefinition = cluster.HasDefinition ? cluster.Definition.Cluster.Webhooks : [];
            var fromApi = _fromApi;
            return fromApi.Count == 0 ? fromDefinition : [.. fromDefinition, .. fromApi.Where(a => fromDefinition.All(d => d.Id != a.Id))];
        }
    }

    public WebhookSubscription? Find(string id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>Replaces the API's subscriptions (from the registry grain).</summary>
    public void SetFromApi(IReadOnlyList<WebhookSubscription> subscriptions) => _fromApi = subscriptions;
}
