using IdP.Data.Entities;
using IdP.Server.Admin;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace IdP.Server.Hosting;

/// <summary>
/// Seeds the demo user and the demo relying party (served at <c>/demo</c>) when demo mode is on
/// (<see cref="DemoMode"/>), points the <c>smpp</c> script at the built-in SMSC simulator when it runs,
/// and says how to use them.
/// </summary>
public sealed partial class DemoSeeder(
    UserRegistrar userRegistrar,
    UserManager<IdPUser> users,
    ClientRegistrar clientRegistrar,
    IOpenIddictApplicationManager applications,
    IConfiguration configuration,
    Sms.DemoSmppSetup smppSetup,
    ILogger<DemoSeeder> logger)
{
    public const string DemoUsername = "demo";
    public const string DemoPassword = "demo-password-123";
    public const string DemoClientId = "demo-client";
    public const string DemoPhone = "+4915112345678";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await users.FindByNameAsync(DemoUsername) is null)
        {
            await userRegistrar.CreateAsync(new UserSpec
            {
                Username = DemoUsername,
                Password = DemoPassword,
                Email = "demo@example.com",
                Phone = DemoPhone,
                DisplayName = "Demo User",
            }, ct);
        }

        var redirectUris = DemoOrigins().Select(o => o + "/demo/callback").ToList();
        var application = await applications.FindByClientIdAsync(DemoClientId, ct);
        if (application is null)
        {
            await clientRegistrar.CreateAsync(new ClientSpec
            {
                ClientId = DemoClientId,
                DisplayName = "IdP demo application",
                Public = true,
                Consent = "explicit",
                RedirectUris = redirectUris,
                PostLogoutRedirectUris = DemoOrigins().Select(o => o + "/demo").ToList(),
            }, ct);
        }
        else
        {
            // --urls may change between runs: keep the demo client's exact redirect URIs in step.
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application, ct);
            var changed = false;
            foreach (var uri in redirectUris.Select(u => new Uri(u)))
            {
                changed |= descriptor.RedirectUris.Add(uri);
            }

            foreach (var uri in DemoOrigins().Select(o => new Uri(o + "/demo")))
            {
                changed |= descriptor.PostLogoutRedirectUris.Add(uri);
            }

            if (changed)
            {
                await applications.UpdateAsync(application, descriptor, ct);
            }
        }

        await smppSetup.ConfigureAsync(ct);
        foreach (var origin in DemoOrigins())
        {
            LogDemo(logger, origin, DemoUsername, DemoPassword);
        }
    }

    /// <summary>The origins the server listens on, as a browser on this machine reaches them.</summary>
    private IEnumerable<string> DemoOrigins()
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000";
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalized = url.Replace("://*", "://localhost").Replace("://+", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
            if (Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Port != 0)
            {
                yield return uri.GetLeftPart(UriPartial.Authority);
            }
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "DEMO MODE: open {Origin}/demo and sign in as '{Username}' with password '{Password}'. Demo mode runs only in the embedded default on loopback, or with IdP:Demo:Enabled=true; never in production.")]
    private static partial void LogDemo(ILogger logger, string origin, string username, string password);
}
