namespace ControlPlane.Testing.Silos;

/// <summary>
/// More of a <see cref="ClusterScenario"/>'s cluster definition than its one service <c>web</c>: entries
/// of <c>dns.providers</c> and of <c>services</c>, each one YAML flow map such as
/// <c>{ id: side, type: zonefile, zone: example.test., path: side.zone }</c>, and of <c>webhooks</c>. Relative provider paths
/// resolve against the scenario's directory (the silos' working directory). <c>Health</c> replaces the
/// service <c>web</c>'s health policy (default <c>{ fall: 2, rise: 2 }</c>, flap damping at its defaults).
/// <c>Mirrors</c> are more services over the same targets as <c>web</c>, so one fault is seen through
/// several DNS providers side by side.
/// </summary>
internal sealed record ClusterDefinitionExtras(
    IReadOnlyList<string> Providers,
    IReadOnlyList<string> Services,
    IReadOnlyList<string>? Webhooks = null,
    string? Health = null,
    IReadOnlyList<MirrorService>? Mirrors = null);

/// <summary>
/// A service like <c>web</c> over the same targets: endpoint <c>web-a</c> becomes <c>{Id}-a</c> when
/// <c>web</c>'s endpoints are named <c>web-*</c>, else <c>{Id}-{endpoint}</c>; <paramref name="Dns"/> is
/// its <c>dns</c> flow map, e.g. <c>{ provider: bind, name: bind.example.test., ttl: 30 }</c>.
/// </summary>
internal sealed record MirrorService(string Id, string Dns)
{
    public string EndpointOf(string webEndpoint) =>
        webEndpoint.StartsWith("web-", StringComparison.Ordinal) ? $"{Id}-{webEndpoint[4..]}" : $"{Id}-{webEndpoint}";
}
