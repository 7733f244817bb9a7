namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>One shared server for the classes marked <c>[Collection(ServerCollections.Pages)]</c>.</summary>
[CollectionDefinition(ServerCollections.Pages)]
public sealed class PagesServerCollection : ICollectionFixture<IdPServerFixture>;
