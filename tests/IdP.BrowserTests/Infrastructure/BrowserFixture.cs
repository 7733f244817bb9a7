using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenIddict.Abstractions;

namespace IdP.BrowserTests.Infrastructure;

/// <summary>
/// The real server (PostgreSQL, Kestrel on port 0, demo relying party at /demo) and one headless
/// Debian Chromium, shared by a test class; each test gets its own browser context.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string DemoClientId = "demo-client";

    private TestDatabase? _database;
    private IdPServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IdPServer Server => _server ?? throw new InvalidOperationException("The fixture did not start.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture did not start.");

    /// <summary>Where screenshots and failure traces go: TestResults/ at the repository root.</summary>
    public static string OutputDirectory => Path.Combine(RepositoryPaths.Root, "TestResults");

    /// <summary>Extra server settings of a variant.</summary>
    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    /// <summary>Runs once the server is up (before the browser starts).</summary>
    protected virtual Task OnServerStartedAsync(IdPServer server) => Task.CompletedTask;

    /// <summary>Runs after the server stopped.</summary>
    protected virtual Task OnServerStoppedAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(_database.ConnectionString);
        settings["IdP:Demo:Enabled"] = "true";
        Configure(settings);
        _server = new IdPServer(settings).Start();
        await RegisterDemoOriginAsync(_server);
        await OnServerStartedAsync(_server);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            ],
        });
    }

    /// <summary>
    /// The demo client is seeded for the configured URLs; the test server listens on a port chosen
    /// at start, so its callback and post-logout URIs are registered here, exactly.
    /// </summary>
    private static async Task RegisterDemoOriginAsync(IdPServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(DemoClientId)
            ?? throw new InvalidOperationException("The demo client was not seeded although IdP:Demo:Enabled=true.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application);
        descriptor.RedirectUris.Add(new Uri(server.Origin + "/demo/callback"));
        descriptor.PostLogoutRedirectUris.Add(new Uri(server.Origin + "/demo"));
        await applications.UpdateAsync(application, descriptor);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await OnServerStoppedAsync();

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>
/// The same server with the real SMS path: <c>smpp</c> enabled and the node's SMPP session bound to the independent
/// npm SMSC peer (<see cref="PeerSms"/>), where the tests read the codes.
/// </summary>
public sealed class SmsBrowserFixture : BrowserFixture
{
    private PeerSms? _sms;

    public PeerSms Sms => _sms ?? throw new InvalidOperationException("The fixture did not start.");

    protected override void Configure(Dictionary<string, string> settings) => PeerSms.Configure(settings);

    protected override async Task OnServerStartedAsync(IdPServer server) => _sms = await PeerSms.StartAsync(server);

    protected override async Task OnServerStoppedAsync()
    {
        if (_sms is not null)
        {
            await _sms.DisposeAsync();
        }
    }
}
