namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>One shared server for the classes marked <c>[Collection(ServerCollections.Protocol)]</c>.</summary>
[CollectionDefinition(ServerCollections.Protocol)]
public sealed class ProtocolServerCollection : ICollectionFixture<IdPServerFixture>;
