using IdP.Authentication.Phones;
using IdP.BrowserTests.Infrastructure;
using IdP.Data;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Portal.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IdP.BrowserTests.Portal;

/// <summary>
/// The real server for the portal's browser tests (PostgreSQL, Kestrel on port 0, server-side session rows) with
/// <c>smpp</c> enabled on the real SMS path — the node's SMPP session bound to the independent npm SMSC peer
/// (<see cref="PeerSms"/>), where the tests read codes and notices — and one headless Debian Chromium.
/// </summary>
public class PortalBrowserFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private IdPServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private PeerSms? _sms;

    /// <summary>What the SMSC peer received.</summary>
    public PeerSms Sms => _sms ?? throw new InvalidOperationException("The fixture did not start.");

    public IdPServer Server => _server ?? throw new InvalidOperationException("The fixture did not start.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture did not start.");

    /// <summary>Where screenshots go: TestResults/ at the repository root.</summary>
    public static string OutputDirectory => Path.Combine(RepositoryPaths.Root, "TestResults");

    /// <summary>axe-core from the Node peers (<c>cd tests/peers &amp;&amp; npm ci</c>).</summary>
    public static string AxePath => Path.Combine(RepositoryPaths.Root, "tests", "peers", "node_modules", "axe-core", "axe.min.js");

    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(_database.ConnectionString);
        PeerSms.Configure(settings);
        Configure(settings);
        _server = new IdPServer(settings).Start();
        _sms = await PeerSms.StartAsync(_server);

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

    public Task<TestUser> CreateUserAsync(bool withPhone = true) =>
        Server.CreateUserAsync(phone: withPhone ? TestNumbers.NewMobile() : null, name: "Browser Portal User");

    public async Task AddVerifiedPhoneAsync(string userId, string e164, string? nickname = null)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserPhoneStore>().AddVerifiedAsync(userId, e164, nickname, CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(Func<IdPDbContext, Task<T>> query)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdPDbContext>());
    }

    public Task<List<string>> NumbersAsync(string userId) =>
        QueryAsync(db => db.UserPhones.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.Id).Select(p => p.Number).ToListAsync());

    /// <summary>Runs one test in a fresh context (phone-sized unless told otherwise), keeping a trace when it fails.</summary>
    public async Task RunAsync(string testName, Func<IPage, Task> test, bool phoneSized = false)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            ViewportSize = phoneSized ? new ViewportSize { Width = 390, Height = 844 } : null,
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Title = testName });
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
            await context.Tracing.StopAsync();
        }
        catch
        {
            var directory = Path.Combine(OutputDirectory, "playwright-traces");
            Directory.CreateDirectory(directory);
            await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(directory, testName + ".zip") });
            throw;
        }
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(OutputDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
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

        if (_sms is not null)
        {
            await _sms.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>The same with <c>IdP:Account:LastPhoneRemoval=Allow</c>.</summary>
public sealed class PortalAllowRemovalBrowserFixture : PortalBrowserFixture
{
    protected override void Configure(Dictionary<string, string> settings) => settings["IdP:Account:LastPhoneRemoval"] = "Allow";
}
