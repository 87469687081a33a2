using ControlPlane.Configuration;
using ControlPlane.Core.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Webhooks;

/// <summary>Reads the API's subscriptions from <see cref="IWebhookRegistryGrain"/> into <see cref="WebhookSubscriptions"/> every <see cref="Every"/>.</summary>
public sealed partial class WebhookRegistryRefresher(IGrainFactory grains, WebhookSubscriptions subscriptions, ILogger<WebhookRegistryRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>Reads the registry now (the API calls it after a change, so the silo that took it acts at once).</summary>
    public async Task RefreshAsync()
    {
        var stored = await grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).ListAsync();
        subscriptions.SetFromApi(Parse(stored));
    }

    /// <summary>The subscriptions of stored texts; one that no longer parses is skipped (and logged).</summary>
    public IReadOnlyList<WebhookSubscription> Parse(IReadOnlyList<StoredWebhook> stored)
    {
        var parsed = new List<WebhookSubscription>();
        foreach (var webhook in stored)
        {
            var result = WebhookSubscriptionParser.Parse(webhook.Text, $"webhook {webhook.Id}", WebhookSubscription.FromApi);
            if (result.Value is { } subscription)
            {
                parsed.Add(subscription);
            }
            else
            {
                LogInvalid(logger, webhook.Id, result.ToString());
            }
        }

        return parsed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.Message); // the silo may still be starting: the next round reads it
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook subscription {Id} created through the API no longer parses, skipped: {Errors}")]
    private static partial void LogInvalid(ILogger logger, string id, string errors);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the API's webhook subscriptions: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
