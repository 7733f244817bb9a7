using System.Net;
using IdP.Authentication.Phones;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Portal.Support;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.IntegrationTests.Portal;

/// <summary>Renaming and removing phones under the default policy (the last verified number is kept).</summary>
[Collection(PortalServerCollection.Name)]
public sealed class PhoneManagementTests(PortalServerFixture fixture)
{
    [Fact]
    public async Task Rename_WithoutStepUp_ChangesNicknameAndWritesAudit()
    {
        var user = await fixture.CreateUserAsync();
        var phone = Assert.Single(await fixture.PhonesAsync(user.Id));
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var page = await client.GetAsync("/account/phones");

        var after = await client.PostAsync(page, "/account/phones?handler=Rename", new() { ["id"] = phone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["nickname"] = "  travel phone " });

        Assert.Equal("The phone was renamed.", after.ElementText("status-message"));
        Assert.Equal("travel phone", Assert.Single(await fixture.PhonesAsync(user.Id)).Nickname);
        var audit = await fixture.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.UserId == user.Id && e.Type == AuditEventTypes.PhoneRenamed));
        Assert.Contains("travel phone", audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Phone!, audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_AnotherUsersPhone_IsNotFound()
    {
        var victim = await fixture.CreateUserAsync();
        var phone = Assert.Single(await fixture.PhonesAsync(victim.Id));
        var user = await fixture.CreateUserAsync();
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var page = await client.GetAsync("/account/phones");

        var after = await client.PostAsync(page, "/account/phones?handler=Rename", new() { ["id"] = phone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["nickname"] = "mine now" });

        Assert.Equal(HttpStatusCode.NotFound, after.Status);
        Assert.Null(Assert.Single(await fixture.PhonesAsync(victim.Id)).Nickname);
    }

    [Fact]
    public async Task Remove_LastVerifiedNumber_BlockedByDefault()
    {
        var user = await fixture.CreateUserAsync();
        var phone = Assert.Single(await fixture.PhonesAsync(user.Id));
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var path = $"/account/phones/remove/{phone.Id}";
        var phones = await client.StepUpAsync("/account/phones", user);
        var page = await client.GetAsync(path);
        Assert.False(page.HasElement("confirm-remove"));
        Assert.True(page.HasElement("remove-blocked"), Infrastructure.Landing.Shorten(page.Html));

        // The blocked page offers no form; a crafted post is refused all the same.
        var after = await client.PostAsync(phones, path, []);

        Assert.Contains("only verified number", after.ElementText("remove-error"), StringComparison.Ordinal);
        Assert.Single(await fixture.PhonesAsync(user.Id));
        Assert.DoesNotContain(AuditEventTypes.PhoneRemoved, await fixture.AuditTypesAsync(user.Id));
    }

    [Fact]
    public async Task Remove_StaleSession_RequiresStepUp()
    {
        var user = await fixture.CreateUserAsync();
        var second = TestNumbers.NewMobile();
        await fixture.AddVerifiedPhoneAsync(user.Id, second);
        var phone = (await fixture.PhonesAsync(user.Id)).Single(p => p.Number == second);
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var path = $"/account/phones/remove/{phone.Id}";
        var page = await client.GetAsync(path);

        var after = await client.PostAsync(page, path, []);

        Assert.Contains("too long ago", after.ElementText("remove-error"), StringComparison.Ordinal);
        Assert.Equal(2, (await fixture.PhonesAsync(user.Id)).Count);
    }

    [Fact]
    public async Task Remove_OneOfTwoNumbers_RemovesAuditsAndNotifiesRemovedNumber()
    {
        var user = await fixture.CreateUserAsync();
        var second = TestNumbers.NewMobile();
        await fixture.AddVerifiedPhoneAsync(user.Id, second, "old phone");
        var phone = (await fixture.PhonesAsync(user.Id)).Single(p => p.Number == second);
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var path = $"/account/phones/remove/{phone.Id}";
        var page = await client.StepUpAsync(path, user);
        Assert.False(page.HasElement("last-number-warning"));

        var after = await client.PostAsync(page, path, []);

        Assert.Equal("/account/phones", after.Url.AbsolutePath);
        Assert.Equal([user.Phone!], (await fixture.PhonesAsync(user.Id)).Select(p => p.Number));
        var identity = await fixture.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal(user.Phone, identity.PhoneNumber);
        var audit = await fixture.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.UserId == user.Id && e.Type == AuditEventTypes.PhoneRemoved));
        Assert.Contains(PhoneNumberRules.Mask(second), audit.Detail, StringComparison.Ordinal);
        Assert.Contains("removed", fixture.Sms.To(second).Last().Text, StringComparison.Ordinal);
    }
}
