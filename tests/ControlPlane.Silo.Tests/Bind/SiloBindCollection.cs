namespace ControlPlane.Silo.Tests.Bind;

/// <summary>Silo tests that publish to the shared BIND: one after another, since each resets its zone.</summary>
[CollectionDefinition(Name)]
public sealed class SiloBindCollection : ICollectionFixture<SiloBindFixture>
{
    public const string Name = "silo with BIND 9";
}
