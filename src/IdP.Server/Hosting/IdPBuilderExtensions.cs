using System.Net;
using IdP.Authentication.Engine;
using IdP.Authentication.Otp;
using IdP.Authentication.Sms;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Admin;
using IdP.Server.Configuration;
using IdP.Server.Keys;
using IdP.Server.OpenId;
using IdP.Server.Portal;
using IdP.Server.Session;
using IdP.Server.Theming;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.Hosting;

/// <summary>Wires the whole provider: <c>builder.AddIdP()</c> and <c>app.UseIdP()</c>.</summary>
public static class IdPBuilderExtensions
{
    public static WebApplicationBuilder AddIdP(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IdPOptions>()
            .BindConfiguration(IdPOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdPOptions>, IdPOptionsValidator>();

        // Read once, eagerly: the database provider decides which services exist.
        var options = builder.Configuration.GetSection(IdPOptions.SectionName).Get<IdPOptions>() ?? new IdPOptions();
        var environment = IdPEnvironment.Resolve(options, builder.Environment.ContentRootPath);
        services.AddSingleton(environment);
        services.TryAddTimeProvider();

        if (environment.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(environment.DataDirectory);
        }

        services.AddIdPDbContext(environment.Provider, environment.ConnectionString);

        services.AddDataProtection()
            .SetApplicationName("IdP")
            .PersistKeysToDbContext<IdPDbContext>()
            .ProtectKeysAtRest(options.DataProtection.Certificate, environment, builder.Environment);

        // The issuer's host is the only Host answered (400 otherwise), unless the operator set AllowedHosts.
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]) && Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuerUri))
        {
            services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [issuerUri.IdnHost]);
        }

        services.AddIdentityCore<IdPUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.Lockout.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = options.Lockout.Duration;
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                o.ClaimsIdentity.UserNameClaimType = Claims.Name;
                o.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IdPDbContext>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(IdPSession.Scheme)
            .AddCookie(IdPSession.Scheme, cookie =>
            {
                cookie.Cookie.Name = environment.CookieName(IdPSession.CookieName);
                cookie.Cookie.Path = "/";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;

                // Secure always, unless plain http was explicitly allowed (IdP:RequireHttps=false, embedded default).
                cookie.Cookie.SecurePolicy = environment.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/account/login";
                cookie.LogoutPath = "/connect/endsession";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = false;

                // Server-side sessions: a cookie whose session row is revoked or gone is refused.
                cookie.Events.OnValidatePrincipal = SessionValidator.ValidatePrincipalAsync;
            });

        services.AddIdPOpenIddict(options, environment);

        var engine = builder.Configuration.GetSection(AuthenticationEngineOptions.SectionName).Get<AuthenticationEngineOptions>() ?? new AuthenticationEngineOptions();
        if (!string.IsNullOrEmpty(engine.PluginsDirectory) && !Path.IsPathRooted(engine.PluginsDirectory))
        {
            engine.PluginsDirectory = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, engine.PluginsDirectory));
        }

        var otp = builder.Configuration.GetSection(OtpAccountOptions.SectionName).Get<OtpAccountOptions>() ?? new OtpAccountOptions();
        var sms = builder.Configuration.GetSection(SmsOptions.SectionName).Get<SmsOptions>() ?? new SmsOptions();
        if (builder.Configuration[$"{SmsOptions.SectionName}:OriginHost"] is not { Length: > 0 })
        {
            // The SMS's origin-bound line (@host #code) names the issuer's host, never the request's Host header (which
            // the client chooses); only the embedded default has no issuer, and serves on localhost.
            sms.OriginHost = Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) ? issuer.Host : "localhost";
        }

        var smsProblems = sms.Validate().Concat(otp.Validate()).ToList();
        if (smsProblems.Count > 0)
        {
            throw new InvalidOperationException("Invalid SMS or one-time-code configuration: " + string.Join(" ", smsProblems));
        }

        services.AddAuthenticationEngine(engine, otp, sms);

        services.AddMemoryCache();
        services.AddHttpClient();
        services.AddScoped<ClientDirectory>();
        services.AddScoped<TokenFamily>();
        services.AddScoped<ClientRegistrar>();
        services.AddScoped<UserRegistrar>();
        services.AddSingleton<FlowCookie>();
        services.AddScoped<ServerKeyStore>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<ServerKeyRing>();
        services.AddSingleton<SessionSignIn>();
        services.AddScoped<UserSessionStore>();
        services.AddSingleton<ThemeProvider>();
        services.AddSingleton<DemoMode>();
        services.AddSingleton<OpenId.WellKnownResponseCache>();
        services.AddHostedService<StartupInitializer>();

        // Self-service account portal (/account): options IdP:Account, services, change rate limit.
        services.AddAccountPortal();

        // The built-in SMSC simulator: in the embedded default, started by the demo seeding once demo mode turns on
        // (DemoMode: loopback only); anywhere, with the host, when IdP:SmscSimulator:Enabled=true is set explicitly.
        var simulator = builder.Configuration.GetValue<bool?>("IdP:SmscSimulator:Enabled");
        if (simulator == true || (simulator is null && environment.IsEmbeddedDefault && DemoMode.MayRun(environment)))
        {
            services.AddSingleton<DevelopmentSmsc>();
        }

        if (simulator == true)
        {
            services.AddHostedService(sp => sp.GetRequiredService<DevelopmentSmsc>());
        }

        // SMS over SMPP: one long-lived session per node (the ISmsSender), its connection test, and /health.
        services.AddOptions<Sms.SmppGatewayOptions>().BindConfiguration(Sms.SmppGatewayOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Sms.SmppGatewayOptions>, Sms.SmppGatewayOptionsValidator>();
        services.AddScoped<Sms.SmppSettingsReader>();
        services.AddScoped<Sms.SmppConnectionTester>();
        services.AddScoped<Sms.DemoSmppSetup>();
        services.AddSingleton<Sms.SmppGateway>();
        services.AddSingleton<IdP.Authentication.Sms.ISmsSender>(sp => sp.GetRequiredService<Sms.SmppGateway>());
        services.AddHostedService(sp => sp.GetRequiredService<Sms.SmppGateway>());
        services.AddHealthChecks().AddCheck<Sms.SmppHealthCheck>(Sms.SmppHealthCheck.Name);

        services.AddSingleton<MaintenanceService>();
        services.AddHostedService(sp => sp.GetRequiredService<MaintenanceService>());

        services.AddIdPAdmin();

        // Per-address limits on the password step and on anonymous flow creation (IdP:RateLimits, per node).
        Security.SignInRateLimits.AddSignInRateLimits(services);

        services.AddControllersWithViews();
        services.AddRazorPages();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = environment.CookieName("idp.af");
            o.Cookie.Path = "/";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        if (options.ForwardedHeaders.Enabled)
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                foreach (var proxy in options.ForwardedHeaders.KnownProxies)
                {
                    o.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in options.ForwardedHeaders.KnownNetworks)
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            });
        }

        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static void AddIdPOpenIddict(this IServiceCollection services, IdPOptions options, IdPEnvironment environment)
    {
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ConfigureServerKeys>();
        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<IdPDbContext>();
                core.ReplaceApplicationManager(typeof(FastSecretApplicationManager<>));
            })
            .AddServer(server =>
            {
                if (!string.IsNullOrEmpty(options.Issuer))
                {
                    server.SetIssuer(new Uri(options.Issuer, UriKind.Absolute));
                }

                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revoke");

                // Code (+PKCE), refresh and client credentials only: no implicit, no password grant (RFC 9700 §2.1.2, §2.4).
                server.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();

                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Phone, Scopes.OfflineAccess);
                server.RegisterClaims(
                    Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.Email, Claims.EmailVerified,
                    Claims.PhoneNumber, Claims.PhoneNumberVerified, Claims.AuthenticationContextReference,
                    Claims.AuthenticationMethodReference, Claims.AuthenticationTime);

                server.SetAuthorizationCodeLifetime(options.Tokens.AuthorizationCodeLifetime)
                    .SetAccessTokenLifetime(options.Tokens.AccessTokenLifetime)
                    .SetIdentityTokenLifetime(options.Tokens.IdentityTokenLifetime)
                    .SetRefreshTokenLifetime(options.Tokens.RefreshTokenLifetime)
                    // Rolling refresh tokens without a reuse window: a redeemed refresh token presented
                    // again is rejected and revokes the whole family (ASVS 5 V10.4.5).
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero)
                    .DisableSlidingRefreshTokenExpiration();

                // Access tokens are signed JWTs (RFC 9068) that resource servers can validate with the JWKS.
                server.DisableAccessTokenEncryption();

                // PKCE: S256 only; "plain" is rejected (RFC 9700 §2.1.1).
                server.Configure(o =>
                {
                    o.CodeChallengeMethods.Clear();
                    o.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });

                server.AddEventHandler(DiscoveryMetadataHandler.Descriptor);
                server.AddEventHandler(IssuerBaseUriHandler.Descriptor);
                server.AddEventHandler(ClaimsParameterSupportHandler.Descriptor);
                server.AddEventHandler(RedirectValidationErrorsHandler.Descriptor);
                server.AddEventHandler(IntrospectionAuthenticationClaimsHandler.Descriptor);

                // One redemption per code / refresh token; a replay (even a parallel one) revokes the family.
                server.AddEventHandler(TokenRedemptionClaim.Descriptor);
                server.AddEventHandler(ReplayedTokenRevocation.Descriptor);

                var aspnet = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    // Errors that cannot go back to the client (unknown client, unregistered
                    // redirect_uri) end as a bare 400 that the status-code page renders in the theme;
                    // every other error is redirected to the client by OpenIddict itself.
                    .EnableStatusCodePagesIntegration();

                // Plain http only where the operator allowed it (IdP:RequireHttps=false, an http issuer,
                // or the embedded default on localhost); production terminates TLS here or at a proxy.
                if (!environment.RequireHttps)
                {
                    aspnet.DisableTransportSecurityRequirement();
                }
            });
    }

    public static WebApplication UseIdP(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<IdPOptions>>().Value;
        if (options.ForwardedHeaders.Enabled)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<Security.SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");

        var theme = app.Services.GetRequiredService<ThemeProvider>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = theme.FileProvider,
            RequestPath = "/theme",
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });

        // Product scripts (wwwroot/js: the code page's countdown, WebOTP and delivery state); CSP allows only 'self'.
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });

        app.UseMiddleware<WellKnownResponseCache>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapControllers();
        app.MapRazorPages();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = Sms.HealthResponse.WriteAsync });
        return app;
    }
}
