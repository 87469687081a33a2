using ControlPlane.Core.Definitions;

namespace ControlPlane.Dns;

/// <summary>Creates providers of one type and validates their settings in the cluster definition.</summary>
public interface IDnsProviderFactory
{
    /// <summary>The <c>type</c> value in <c>dns.providers[*]</c>, for example <c>zonefile</c>.</summary>
    string Type { get; }

    /// <summary>
    /// Every problem with a provider's settings, each as <c>(key, message)</c> where key is the
    /// setting's name (the caller prefixes the path). Unknown keys are problems too.
    /// </summary>
    IEnumerable<(string Key, string Message)> Validate(IReadOnlyDictionary<string, string> settings);

    /// <summary>Creates the provider; called only with settings that passed <see cref="Validate"/>.</summary>
    IDnsProvider Create(DnsProviderDefinition definition);
}
