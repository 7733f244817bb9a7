using IdP.Authentication.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.Tests.Engine;

/// <summary>The admin console's acr: what an admin chose, else smpp once enabled, else pwd.</summary>
public sealed class AcrSettingsStoreAdminAcrTests
{
    private static async Task<EngineSnapshot> SnapshotAsync(EngineHost host)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().LoadFreshSnapshotAsync(default);
    }

    private static async Task RunAsync(EngineHost host, Func<AcrSettingsStore, Task> action)
    {
        using var scope = host.Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<AcrSettingsStore>());
    }

    [Fact]
    public async Task AdminAcr_NothingSetSmppDisabled_IsPwd()
    {
        await using var host = new EngineHost();

        var snapshot = await SnapshotAsync(host);

        Assert.Equal("pwd", snapshot.AdminAcr);
    }

    [Fact]
    public async Task AdminAcr_NothingSetSmppEnabled_IsSmpp_AndFallsBackWhenSmppIsDisabledAgain()
    {
        await using var host = new EngineHost();

        await RunAsync(host, s => s.SetEnabledAsync("smpp", true, default));
        Assert.Equal("smpp", (await SnapshotAsync(host)).AdminAcr);
        Assert.Equal("pwd", (await SnapshotAsync(host)).DefaultAcr);

        // Only the fallback pointed at smpp: disabling it is allowed and the admin acr moves back to pwd.
        await RunAsync(host, s => s.SetEnabledAsync("smpp", false, default));
        Assert.Equal("pwd", (await SnapshotAsync(host)).AdminAcr);
    }

    [Fact]
    public async Task AdminAcr_SetExplicitly_WinsOverFallback_AndItsScriptCannotBeDisabled()
    {
        await using var host = new EngineHost();
        await RunAsync(host, s => s.SetEnabledAsync("smpp", true, default));

        await RunAsync(host, s => s.SetAdminAcrAsync("pwd", default));
        Assert.Equal("pwd", (await SnapshotAsync(host)).AdminAcr);

        await RunAsync(host, s => s.SetAdminAcrAsync("smpp", default));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => RunAsync(host, s => s.SetEnabledAsync("smpp", false, default)));
        Assert.Contains("admin acr", error.Message, StringComparison.Ordinal);
        Assert.Equal("smpp", (await SnapshotAsync(host)).AdminAcr);
    }
}
