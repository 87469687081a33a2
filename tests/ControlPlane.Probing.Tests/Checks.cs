using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Probing.Tests;

/// <summary>Builds conditions and templates the way the configuration reader does.</summary>
internal static class Checks
{
    public static IReadOnlyList<Condition> Conditions(ConditionScope scope, params string[] texts) =>
        texts.Select(t => ConditionParser.Parse(t, scope)).ToList();

    public static TemplateText Template(string text) =>
        TemplateText.TryParse(text, out var problem, out _) ?? throw new ArgumentException(problem, nameof(text));

    public static ProbeTarget For(TestTarget target, CheckDefinition check, string? hostName = null) =>
        new("ep-1", "eu-central", target.Address, target.Port, hostName, check);
}
