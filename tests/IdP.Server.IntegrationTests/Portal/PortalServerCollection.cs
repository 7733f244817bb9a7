namespace IdP.Server.IntegrationTests.Portal;

/// <summary>The portal test classes share one server (default policies); they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PortalServerCollection : ICollectionFixture<PortalServerFixture>
{
    public const string Name = "server: portal";
}
