using System.Net;
using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.Data.Entities;
using IdP.Server.Commands;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Portal;
using IdP.Server.IntegrationTests.Portal.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Mail;

/// <summary>
/// An administrator's first phone binds the factor that guards the console: with the admin's password alone an
/// attacker must not be able to bind their own phone (portal, sign-in enrollment, or the console on the admin's own
/// account). Another administrator (console) or an operator (command line) can, and the admin is told by e-mail.
/// </summary>
[Collection(NoticeServerCollection.Name)]
public sealed class AdminFirstPhoneTests(NoticeServerFixture fixture)
{
    [Fact]
    public async Task Portal_AdminWithoutPhone_CannotAddTheFirstNumber_AndIsToldWhoCan()
    {
        var admin = await fixture.CreateAdminAsync();
        var number = TestNumbers.NewMobile();
        using var client = new PortalClient(fixture);
        await client.SignInAsync(admin);

        var refused = await client.StartAddAsync(number);

        var error = refused.ElementText("add-error");
        Assert.Contains("admin role", error, StringComparison.Ordinal);
        Assert.Contains("another administrator", error, StringComparison.Ordinal);
        Assert.Contains("users phone add", error, StringComparison.Ordinal);
        Assert.Empty(fixture.Sms.To(number));
        Assert.Empty(await fixture.PhonesAsync(admin.Id));
    }

    [Fact]
    public async Task SignInEnrollment_AdminWithoutPhone_CannotEnrollANumber_AndIsToldWhoCan()
    {
        var admin = await fixture.CreateAdminAsync();
        var number = TestNumbers.NewMobile();
        await SetEnrollmentAsync("signin");
        try
        {
            using var client = new PortalClient(fixture);
            var enroll = await fixture.SmppSignInAsync(client, admin);
            Assert.True(enroll.HasElement("enroll-form"), $"expected the enrollment page: {enroll}\n{Landing.Shorten(enroll.Html)}");

            var refused = await NoticeServerFixture.StepAsync(client, enroll, new() { ["Input.Action"] = "enroll", ["Input.PhoneNumber"] = number });

            var error = refused.ElementText("login-error");
            Assert.Contains("another administrator", error, StringComparison.Ordinal);
            Assert.Contains("command line", error, StringComparison.Ordinal);
            Assert.Empty(fixture.Sms.To(number));
            Assert.Empty(await fixture.PhonesAsync(admin.Id));
        }
        finally
        {
            await SetEnrollmentAsync("portal");
        }
    }

    [Fact]
    public async Task SignInEnrollment_PersonWithoutAdminRole_StillEnrolls_AndIsMailed()
    {
        var user = await fixture.CreateUserAsync(withPhone: false);
        var number = TestNumbers.NewMobile();
        await SetEnrollmentAsync("signin");
        try
        {
            using var client = new PortalClient(fixture);
            var enroll = await fixture.SmppSignInAsync(client, user);
            var codePage = await NoticeServerFixture.StepAsync(client, enroll, new() { ["Input.Action"] = "enroll", ["Input.PhoneNumber"] = number });
            Assert.True(codePage.HasElement("code-form"), $"expected the code page: {codePage}");

            await NoticeServerFixture.StepAsync(client, codePage, new() { ["Input.Code"] = fixture.Sms.LastCodeTo(number) });

            Assert.NotNull(Assert.Single(await fixture.PhonesAsync(user.Id)).VerifiedAt);
            var mail = await fixture.Smtp.WaitForMailAsync(user.Email!, "A phone number was added to your account");
            Assert.Contains("while signing in", mail.Text, StringComparison.Ordinal);
        }
        finally
        {
            await SetEnrollmentAsync("portal");
        }
    }

    [Fact]
    public async Task Console_AnotherAdministrator_AddsTheFirstNumber_TheAdminIsMailed()
    {
        var helper = await fixture.CreateAdminAsync();
        var admin = await fixture.CreateAdminAsync();
        var number = TestNumbers.NewMobile();
        using var console = await SignInToConsoleAsync(helper);

        var after = await AddPhoneInConsoleAsync(console, admin.Id, number);

        Assert.Contains("Added", after.ElementText("admin-status"), StringComparison.Ordinal);
        var phone = Assert.Single(await fixture.PhonesAsync(admin.Id));
        Assert.Equal(number, phone.Number);
        Assert.NotNull(phone.VerifiedAt);
        var mail = await fixture.Smtp.WaitForMailAsync(admin.Email!, "A phone number was added to your account");
        Assert.Contains("by an administrator", mail.Text, StringComparison.Ordinal);
        var added = await fixture.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.UserId == admin.Id && e.Type == AuditEventTypes.PhoneAdded));
        Assert.Equal(helper.Id, added.ActorId);
    }

    [Fact]
    public async Task Console_AdminOnTheirOwnAccount_CannotAddTheFirstNumber()
    {
        var admin = await fixture.CreateAdminAsync();
        var number = TestNumbers.NewMobile();
        using var console = await SignInToConsoleAsync(admin);

        var after = await AddPhoneInConsoleAsync(console, admin.Id, number);

        Assert.Contains("another administrator", after.ElementText("admin-error"), StringComparison.Ordinal);
        Assert.Empty(await fixture.PhonesAsync(admin.Id));
    }

    [Fact]
    public async Task CommandLine_AddsTheFirstNumberOfAnAdmin_TheAdminIsMailed()
    {
        var admin = await fixture.CreateAdminAsync();
        var number = TestNumbers.NewMobile();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(fixture.Server.Services, ["users", "phone", "add", "--username", admin.Username, "--phone", number], output, error, CancellationToken.None);

        Assert.True(exit == 0, $"exit {exit}: {output}{error}");
        Assert.NotNull(Assert.Single(await fixture.PhonesAsync(admin.Id)).VerifiedAt);
        await fixture.Smtp.WaitForMailAsync(admin.Email!, "A phone number was added to your account");
    }

    private async Task SetEnrollmentAsync(string value)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Enrollment, value, CancellationToken.None);
    }

    private async Task<PortalClient> SignInToConsoleAsync(TestUser admin)
    {
        var client = new PortalClient(fixture);
        var login = await client.GetAsync("/admin");
        Assert.True(login.IsLoginPage, $"expected the login page, got {login}");
        var console = await client.Browser.SubmitLoginAsync(login, admin.Username, admin.Password);
        Assert.True(console.Url.AbsolutePath.StartsWith("/admin", StringComparison.Ordinal) && console.Status == HttpStatusCode.OK, $"console sign-in: {console}");
        return client;
    }

    private static async Task<Landing> AddPhoneInConsoleAsync(PortalClient client, string userId, string number)
    {
        var path = "/admin/people/" + Uri.EscapeDataString(userId);
        var page = await client.GetAsync(path);
        Assert.True(page.HasElement("add-phone-form"), $"no add-phone form on {page}");
        return await client.PostAsync(page, path + "?handler=AddPhone", new() { ["number"] = number });
    }
}
