namespace IdP.Server.IntegrationTests.Admin;

/// <summary>The admin test classes share one server and run one after the other (they change server-wide settings).</summary>
[CollectionDefinition(Name)]
public sealed class AdminServerCollection : ICollectionFixture<AdminServerFixture>
{
    public const string Name = "server: admin";
}
