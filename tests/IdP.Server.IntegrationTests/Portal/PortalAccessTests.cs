using System.Net;
using IdP.Authentication.Phones;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Portal.Support;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.IntegrationTests.Portal;

/// <summary>Getting into the portal and what the overview shows.</summary>
[Collection(PortalServerCollection.Name)]
public sealed class PortalAccessTests(PortalServerFixture fixture)
{
    [Theory]
    [InlineData("/account")]
    [InlineData("/account/phones")]
    [InlineData("/account/sessions")]
    [InlineData("/account/phones/verify")]
    public async Task PortalPage_Anonymous_IsSentToSignIn(string path)
    {
        using var client = new PortalClient(fixture);

        var landing = await client.GetAsync(path);

        Assert.True(landing.IsLoginPage, landing.ToString());
        Assert.False(client.Browser.HasSessionCookie);
    }

    [Fact]
    public async Task Account_AnonymousThenSignIn_ReturnsToOverview()
    {
        var user = await fixture.CreateUserAsync();
        using var client = new PortalClient(fixture);

        var overview = await client.SignInAsync(user);

        Assert.Equal(user.Username, overview.ElementText("profile-username"));
        Assert.Equal(user.Email, overview.ElementText("profile-email"));
        Assert.Equal("Portal User", overview.ElementText("profile-name"));
    }

    [Fact]
    public async Task Overview_SignedIn_ShowsMaskedPhonesMethodsSignInsAndMessages()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.AddVerifiedPhoneAsync(user.Id, TestNumbers.NewMobile(), "work");
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        await client.StepUpAsync("/account/phones", user);

        var overview = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, overview.Status);
        Assert.DoesNotContain(user.Phone!, overview.Html, StringComparison.Ordinal);
        Assert.Contains(PhoneNumberRules.Mask(user.Phone!), overview.ElementText("phones"), StringComparison.Ordinal);
        Assert.Contains("work", overview.ElementText("phones"), StringComparison.Ordinal);
        Assert.Contains("data-acr=\"smpp\" data-available=\"true\"", overview.Html, StringComparison.Ordinal);
        Assert.Contains("data-acr=\"pwd\" data-available=\"true\"", overview.Html, StringComparison.Ordinal);
        var signIns = overview.ElementText("signins")!;
        Assert.Contains("smpp", signIns, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", signIns, StringComparison.Ordinal);
        var messages = overview.ElementText("messages")!;
        Assert.Contains(SmsPurposes.SignIn, messages, StringComparison.Ordinal);
        Assert.Contains(SmsStates.Sent, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_UserWithoutVerifiedPhone_SmppNotAvailable()
    {
        var user = await fixture.Server.CreateUserAsync(phone: TestNumbers.NewMobile());
        await fixture.QueryAsync(db => db.UserPhones.Where(p => p.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.VerifiedAt, (DateTimeOffset?)null)));
        using var client = new PortalClient(fixture);

        var overview = await client.SignInAsync(user);

        Assert.Contains("data-acr=\"smpp\" data-available=\"false\"", overview.Html, StringComparison.Ordinal);
        Assert.Contains("Not verified", overview.ElementText("phones"), StringComparison.Ordinal);
    }
}
