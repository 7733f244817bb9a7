using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using IdP.Server.Admin;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>
/// The real IdP application on a real Kestrel socket (port 0), configured only through the
/// <c>IdP:*</c> settings an operator would use. Outside the embedded default the server needs an issuer: unless the
/// settings name one (an empty value means "none"), it is this server's own origin, known before start because the
/// test binds the port-0 socket itself and hands it to Kestrel.
/// </summary>
public sealed class IdPServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private Socket? _listenSocket;

    public IdPServer(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? configureServices = null)
    {
        _settings = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        _configureServices = configureServices;
    }

    /// <summary>The server's origin, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Origin { get; private set; } = "";

    /// <summary>The configured issuer, or the one the server derives from requests to <see cref="Origin"/>.</summary>
    public string Issuer => _settings.TryGetValue("IdP:Issuer", out var issuer) && issuer.Length > 0 ? issuer : Origin + "/";

    /// <summary>The TLS certificate of an https listener (clients of this server trust exactly it), or null.</summary>
    public X509Certificate2? TlsCertificate { get; private set; }

    /// <summary>The settings the server was started with (the issuer included).</summary>
    public IReadOnlyDictionary<string, string> Settings => _settings;

    /// <summary>
    /// Settings for a server on the given PostgreSQL database, http allowed, no demo data, and the key ring encrypted
    /// with the test run's Data Protection certificate (Production refuses to start without one).
    /// </summary>
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
        ["IdP:DataProtection:Certificate:Path"] = TestCertificates.DataProtectionPfxPath,
        ["IdP:DataProtection:Certificate:Password"] = TestCertificates.PfxPassword,
    };

    /// <summary>Starts Kestrel on a free loopback port and records the origin.</summary>
    public IdPServer Start() => Start(IPAddress.Loopback);

    /// <summary>
    /// Starts Kestrel on a free port of <paramref name="listenAddress"/> (e.g. <see cref="IPAddress.Any"/>, still reached
    /// on 127.0.0.1), with TLS when <paramref name="tlsCertificate"/> is given, and records the origin.
    /// </summary>
    public IdPServer Start(IPAddress listenAddress, X509Certificate2? tlsCertificate = null)
    {
        var socket = new Socket(listenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(listenAddress, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _listenSocket = socket;
        TlsCertificate = tlsCertificate;
        Origin = $"{(tlsCertificate is null ? "http" : "https")}://127.0.0.1:{port}";
        if (!IsEmbeddedDefault && !_settings.ContainsKey("IdP:Issuer"))
        {
            _settings["IdP:Issuer"] = Origin + "/";
        }

        UseKestrel(o => o.Listen(listenAddress, port, listen =>
        {
            if (tlsCertificate is not null)
            {
                listen.UseHttps(tlsCertificate);
            }
        }));
        try
        {
            StartServer();
        }
        finally
        {
            // Kestrel took it over; if the start failed before, nothing else will close it.
            Interlocked.Exchange(ref _listenSocket, null)?.Dispose();
        }

        return this;
    }

    /// <summary>The addresses Kestrel reports it listens on (e.g. <c>http://0.0.0.0:41234</c>).</summary>
    public IReadOnlyCollection<string> ListeningAddresses =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

    private bool IsEmbeddedDefault =>
        (!_settings.TryGetValue("IdP:Database:Provider", out var provider) || provider == "Sqlite")
        && !_settings.ContainsKey("IdP:Database:ConnectionString");

    public OidcTestClient CreateOidcClient(DelegatingHandler? observer = null) => new(this, observer);

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

        // Kestrel listens on the socket bound in Start (its port is the one the issuer names).
        builder.ConfigureServices(services => services.Configure<SocketTransportOptions>(o =>
        {
            var bind = o.CreateBoundListenSocket;
            o.CreateBoundListenSocket = endpoint => Interlocked.Exchange(ref _listenSocket, null) ?? bind(endpoint);
        }));

        if (_configureServices is not null)
        {
            builder.ConfigureServices(_configureServices);
        }
    }
}
