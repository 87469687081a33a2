namespace ControlPlane.Testing.Chaos;

/// <summary>The names of the rules <see cref="HistoryChecker"/> holds a history to.</summary>
public static class ChaosRules
{
    /// <summary>The DNS server answered with no endpoint at all.</summary>
    public const string EmptyRecordSet = "empty-record-set";

    /// <summary>An endpoint left the served record without a quorum of regions having seen it down shortly before.</summary>
    public const string FalseFailover = "false-failover";

    /// <summary>An endpoint a quorum saw down was still served when the cluster had long been able to remove it.</summary>
    public const string MissedFailover = "missed-failover";

    /// <summary>A DNS change listed twice, changing nothing, or repeating the previous change of its service.</summary>
    public const string DnsChangeTwice = "dns-change-twice";

    /// <summary>One endpoint's decisions do not form one chain ordered by sequence.</summary>
    public const string DecisionOrder = "decision-order";

    /// <summary>A decision whose webhook never arrived.</summary>
    public const string WebhookLost = "webhook-lost";

    /// <summary>One endpoint's decision webhooks first arrived out of sequence order.</summary>
    public const string WebhookOrder = "webhook-order";
}
