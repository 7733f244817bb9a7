using System.Net;
using IdP.Server.Admin;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>
/// The real IdP application on a real Kestrel socket (port 0), configured only through the
/// <c>IdP:*</c> settings an operator would use.
/// </summary>
public sealed class IdPServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public IdPServer(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? configureServices = null)
    {
        _settings = settings;
        _configureServices = configureServices;
    }

    /// <summary>The server's origin, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Origin { get; private set; } = "";

    /// <summary>The configured issuer, or the one the server derives from requests to <see cref="Origin"/>.</summary>
    public string Issuer => _settings.TryGetValue("IdP:Issuer", out var issuer) ? issuer : Origin + "/";

    /// <summary>Settings for a server on the given PostgreSQL database, http allowed, no demo data.</summary>
    public static Dictionary<string, string> PostgresSettings(string connectionString) => new(StringComparer.Ordinal)
    {
        ["IdP:Database:Provider"] = "Postgres",
        ["IdP:Database:ConnectionString"] = connectionString,
        ["IdP:Database:MigrateOnStart"] = "true",

        // Generous per-address limits: every test talks from 127.0.0.1 (the RateLimits tests use the defaults).
        ["IdP:RateLimits:PasswordStep:PermitLimit"] = "100000",
        ["IdP:RateLimits:FlowStart:PermitLimit"] = "100000",
        ["IdP:RequireHttps"] = "false",
        ["IdP:Demo:Enabled"] = "false",
    };

    /// <summary>Starts Kestrel on a free loopback port and records the origin.</summary>
    public IdPServer Start()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Origin = new Uri(addresses.First()).GetLeftPart(UriPartial.Authority);
        return this;
    }

    public OidcTestClient CreateOidcClient() => new(this);

    /// <summary>Creates a user with a unique name through the same service the CLI uses.</summary>
    public async Task<TestUser> CreateUserAsync(string? phone = "+4915112345678", string? email = "", string? name = null)
    {
        var username = "user-" + Guid.NewGuid().ToString("N")[..12];
        var password = "correct-horse-" + Guid.NewGuid().ToString("N")[..8];
        email = email == "" ? username + "@example.com" : email;
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserRegistrar>().CreateAsync(new UserSpec
        {
            Username = username,
            Password = password,
            Email = email,
            Phone = phone,
            DisplayName = name,
        }, CancellationToken.None);
        return new TestUser(user.Id, username, password, email, phone);
    }

    /// <summary>Registers a client with a unique id; by default public, PKCE, implicit consent, all scopes.</summary>
    public async Task<TestClient> CreateClientAsync(Action<ClientSpec>? configure = null)
    {
        var id = "client-" + Guid.NewGuid().ToString("N")[..12];
        var spec = new ClientSpec
        {
            ClientId = id,
            Public = true,
            Consent = "implicit",
            RedirectUris = [$"https://{id}.rp.test/callback"],
            PostLogoutRedirectUris = [$"https://{id}.rp.test/signed-out"],
        };
        configure?.Invoke(spec);
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClientRegistrar>().CreateAsync(spec, CancellationToken.None);
        return new TestClient(spec.ClientId, spec.Secret, spec.RedirectUris.FirstOrDefault() ?? "", spec.PostLogoutRedirectUris.FirstOrDefault());
    }

    /// <summary>A confidential client (secret, PKCE still required unless turned off).</summary>
    public Task<TestClient> CreateConfidentialClientAsync(Action<ClientSpec>? configure = null) => CreateClientAsync(spec =>
    {
        spec.Public = false;
        spec.Secret = "s3cret-" + Guid.NewGuid().ToString("N");
        configure?.Invoke(spec);
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_configureServices is not null)
        {
            builder.ConfigureServices(_configureServices);
        }
    }
}
