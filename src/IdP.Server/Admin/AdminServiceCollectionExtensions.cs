using IdP.Server.Admin.Api;
using OpenIddict.Server;

namespace IdP.Server.Admin;

/// <summary>Registers the admin console (<c>/admin</c>), its JSON API (<c>/admin/api</c>) and their services.</summary>
public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddIdPAdmin(this IServiceCollection services)
    {
        services.AddOptions<AdminConsoleOptions>()
            .BindConfiguration(AdminConsoleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddScoped<AdminAccess>();
        services.AddScoped<AdminAccessFilter>();
        services.AddScoped<AdminApiAuthorizationFilter>();
        services.AddScoped<AdminLockoutGuard>();
        services.AddScoped<MethodAdministration>();
        services.AddScoped<PeopleAdministration>();
        services.AddScoped<ClientAdministration>();
        services.AddScoped<SmsAdministration>();
        services.AddScoped<AuditReader>();

        services.AddOpenIddict()
            .AddServer(server =>
            {
                server.RegisterScopes(AdminConsole.Scope);
                server.AddEventHandler(AdminScopeAuthorizationGuard.Descriptor);
                server.AddEventHandler(AdminScopeDiscoveryFilter.Descriptor);
            })
            // The admin API accepts this server's own JWT access tokens (signature, issuer, lifetime) whose
            // token entry (and authorization, if any) is still valid in the database: revocation acts at once.
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.EnableTokenEntryValidation();
                validation.EnableAuthorizationEntryValidation();
                validation.UseAspNetCore();
            });
        return services;
    }
}
