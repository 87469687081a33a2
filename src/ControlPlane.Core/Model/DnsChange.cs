namespace ControlPlane.Core.Model;

/// <summary>A change a service made (or, in dry-run, would have made) to its DNS record, with why.</summary>
/// <param name="Id">Deterministic: <c>{serviceId}/{sequence}</c>.</param>
/// <param name="Before">Addresses published before (as the control plane believed).</param>
/// <param name="After">Addresses published after.</param>
/// <param name="Reason">The decisions and policy that led to it.</param>
/// <param name="ProviderChangeId">Provider's id for the change, when it gives one.</param>
/// <param name="AppliedAt">When the provider accepted it (INSYNC for Route 53).</param>
public sealed record DnsChange(
    string Id,
    string ServiceId,
    string ProviderId,
    string Name,
    DateTimeOffset At,
    IReadOnlyList<string> Before,
    IReadOnlyList<string> After,
    string Reason,
    bool FailedOpen,
    string? ProviderChangeId,
    DateTimeOffset? AppliedAt,
    bool DryRun = false);
