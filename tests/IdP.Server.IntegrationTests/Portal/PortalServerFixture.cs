using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Phones;
using IdP.Data;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Portal.Support;
using IdP.Authentication.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Portal;

/// <summary>
/// A server for the portal tests: the <c>smpp</c> method enabled, a recording SMS channel, a clock the tests
/// move forward, and the address limit raised (every
/// test browser comes from 127.0.0.1). Policies are the defaults unless a derived fixture changes them.
/// </summary>
public class PortalServerFixture : IdPServerFixture
{
    public ShiftedTimeProvider Clock { get; } = new();

    public PortalSmsSender Sms { get; } = new();

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["IdP:Authentication:SettingsCacheDuration"] = "00:00:00";
        settings["IdP:Sms:PerAddressLimit"] = "100000";
        settings["IdP:Sms:HourlyBudget"] = "100000";
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ISmsSender>(Sms);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().SetEnabledAsync(SmppScript.AcrValue, true, CancellationToken.None);
    }

    /// <summary>A user with a fresh verified mobile number (or none).</summary>
    public Task<TestUser> CreateUserAsync(bool withPhone = true) =>
        Server.CreateUserAsync(phone: withPhone ? TestNumbers.NewMobile() : null, name: "Portal User");

    public async Task AddVerifiedPhoneAsync(string userId, string e164, string? nickname = null)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserPhoneStore>().AddVerifiedAsync(userId, e164, nickname, CancellationToken.None);
    }

    /// <summary>Reads from the database directly (what the HTTP surface does not show).</summary>
    public async Task<T> QueryAsync<T>(Func<IdPDbContext, Task<T>> query)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdPDbContext>());
    }

    public Task<List<string>> AuditTypesAsync(string userId) =>
        QueryAsync(db => db.AuditEvents.Where(e => e.UserId == userId).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());

    public Task<List<IdP.Data.Entities.UserPhone>> PhonesAsync(string userId) =>
        QueryAsync(db => db.UserPhones.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.Id).ToListAsync());
}

/// <summary>The portal server with the permissive policies: the last number may be removed, shared numbers may be added.</summary>
public sealed class PortalPermissiveFixture : PortalServerFixture
{
    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["IdP:Account:LastPhoneRemoval"] = "Allow";
        settings["IdP:Account:AllowNumberVerifiedElsewhere"] = "true";
        settings["IdP:Account:ChangeLimit"] = "5";
    }
}
