namespace ControlPlane.StatusPage.Tests;

/// <summary>The browser and API tests share one silo and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class StatusPageCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "status page";
}
