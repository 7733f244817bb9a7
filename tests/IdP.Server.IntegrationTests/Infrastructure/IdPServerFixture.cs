namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>One server on its own PostgreSQL database, shared by the tests of a class.</summary>
public class IdPServerFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private IdPServer? _server;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture did not start.");

    public IdPServer Server => _server ?? throw new InvalidOperationException("The fixture did not start.");

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(_database.ConnectionString);
        Configure(settings);
        _server = new IdPServer(settings, ConfigureServices).Start();
    }

    /// <summary>Lets a derived fixture change settings before the server starts.</summary>
    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    /// <summary>Lets a derived fixture replace services (e.g. the clock) before the server starts.</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
