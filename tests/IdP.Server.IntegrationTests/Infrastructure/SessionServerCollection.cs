namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>One shared server for the classes marked <c>[Collection(ServerCollections.Session)]</c>.</summary>
[CollectionDefinition(ServerCollections.Session)]
public sealed class SessionServerCollection : ICollectionFixture<IdPServerFixture>;
