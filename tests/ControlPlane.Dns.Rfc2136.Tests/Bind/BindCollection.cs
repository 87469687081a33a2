namespace ControlPlane.Dns.Rfc2136.Tests.Bind;

/// <summary>Every test against the real BIND shares one server and runs one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BindCollection : ICollectionFixture<BindFixture>
{
    public const string Name = "BIND 9";
}
