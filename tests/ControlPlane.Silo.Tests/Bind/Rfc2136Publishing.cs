using ControlPlane.Testing.Bind;

namespace ControlPlane.Silo.Tests.Bind;

/// <summary>
/// The <see cref="SiloScenario"/> variant whose service publishes through an <c>rfc2136</c> provider
/// (id <see cref="ProviderId"/>) to <see cref="Bind"/>, instead of into a zone file.
/// </summary>
/// <param name="Bind">The server; its zone must hold the service's name.</param>
internal sealed record Rfc2136Publishing(BindServer Bind)
{
    public const string ProviderId = "bind";

    /// <summary>
    /// A secret to configure inline as <c>tsigSecret</c> (for example a wrong one). When null, the
    /// server's update key is written as a BIND key file and named by <c>tsigSecretFile</c>.
    /// </summary>
    public string? Secret { get; init; }

    /// <summary>More settings of the service's <c>dns</c> map, as YAML flow entries: <c>reconcileEvery: 2s</c>, <c>dryRun: true</c>.</summary>
    public IReadOnlyList<string> ServiceDnsSettings { get; init; } = [];
}
