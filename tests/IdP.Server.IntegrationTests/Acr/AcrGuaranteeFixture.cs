using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.Server.IntegrationTests.SmsSignIn;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Acr;

/// <summary>
/// An SMS server of its own for the acr-guarantee attacks: the method chooser is on (so that the chooser's POST
/// is reachable at all) and <c>smpp</c> enrolls at sign-in (so that a person without a phone can bind one after the
/// password) — settings the shared SMS fixture must not have.
/// </summary>
public sealed class AcrGuaranteeFixture : SmsServerFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AcrSettingsStore>();
        await store.SetMethodChooserAsync(true, CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Enrollment, "signin", CancellationToken.None);
        await store.LoadFreshSnapshotAsync(CancellationToken.None);
    }
}
