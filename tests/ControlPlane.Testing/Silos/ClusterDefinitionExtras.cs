namespace ControlPlane.Testing.Silos;

/// <summary>
/// More of a <see cref="ClusterScenario"/>'s cluster definition than its one service <c>web</c>: entries
/// of <c>dns.providers</c> and of <c>services</c>, each one YAML flow map such as
/// <c>{ id: side, type: zonefile, zone: example.test., path: side.zone }</c>, and of <c>webhooks</c>. Relative provider paths
/// resolve against the scenario's directory (the silos' working directory). <c>Health</c> replaces the
/// service <c>web</c>'s health policy (default <c>{ fall: 2, rise: 2 }</c>, flap damping at its defaults).
/// </summary>
internal sealed record ClusterDefinitionExtras(
    IReadOnlyList<string> Providers,
    IReadOnlyList<string> Services,
    IReadOnlyList<string>? Webhooks = null,
    string? Health = null);
