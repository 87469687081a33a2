namespace ControlPlane.Grains.Webhooks;

/// <summary>A subscription created through the API, kept as the text it was created from (re-read on every silo with the definition's rules).</summary>
[GenerateSerializer, Alias("controlplane.stored-webhook")]
public sealed record StoredWebhook(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string CreatedBy);
