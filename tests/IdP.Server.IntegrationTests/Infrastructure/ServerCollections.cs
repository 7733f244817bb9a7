namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>
/// Shared servers: the classes of one collection use one server (and database) and run one after
/// the other; the collections run in parallel. Every test creates its own users and clients, so
/// sharing a server never couples tests.
/// </summary>
public static class ServerCollections
{
    public const string Protocol = "server: protocol";
    public const string Session = "server: session";
    public const string Pages = "server: pages and commands";
}
