using System.Net;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Portal.Support;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.IntegrationTests.Portal;

/// <summary>
/// The permissive policies: <c>IdP:Account:LastPhoneRemoval=Allow</c>, <c>AllowNumberVerifiedElsewhere=true</c>,
/// and a small change limit (<c>ChangeLimit=5</c>).
/// </summary>
public sealed class PermissivePolicyTests(PortalPermissiveFixture fixture) : IClassFixture<PortalPermissiveFixture>
{
    [Fact]
    public async Task Remove_LastVerifiedNumber_AllowedWithWarningAndSmppNoLongerApplies()
    {
        var user = await fixture.CreateUserAsync();
        var phone = Assert.Single(await fixture.PhonesAsync(user.Id));
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var path = $"/account/phones/remove/{phone.Id}";
        var page = await client.StepUpAsync(path, user);
        Assert.Contains("only verified number", page.ElementText("last-number-warning"), StringComparison.Ordinal);
        Assert.Contains("required", page.ElementText("last-number-warning"), StringComparison.Ordinal);

        var after = await client.PostAsync(page, path, []);

        Assert.Equal("/account/phones", after.Url.AbsolutePath);
        Assert.Empty(await fixture.PhonesAsync(user.Id));
        var identity = await fixture.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Null(identity.PhoneNumber);
        Assert.False(identity.PhoneNumberConfirmed);
        var overview = await client.GetAsync("/account");
        Assert.Contains("data-acr=\"smpp\" data-available=\"false\"", overview.Html, StringComparison.Ordinal);
        var audit = await fixture.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.UserId == user.Id && e.Type == AuditEventTypes.PhoneRemoved));
        Assert.Contains("no verified number left", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPhone_VerifiedElsewhereAllowed_SendsCodeAndVerifies()
    {
        var owner = await fixture.CreateUserAsync();
        var user = await fixture.CreateUserAsync(withPhone: false);
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);

        var verify = await client.StartAddAsync(owner.Phone!);
        var done = await client.EnterEnrollmentCodeAsync(verify, fixture.Sms.LastCodeTo(owner.Phone!));

        Assert.Equal("/account/phones", done.Url.AbsolutePath);
        Assert.Equal([owner.Phone!], (await fixture.PhonesAsync(user.Id)).Select(p => p.Number));
    }

    [Fact]
    public async Task Changes_OverTheLimit_AreRefusedWith429()
    {
        var user = await fixture.CreateUserAsync();
        var phone = Assert.Single(await fixture.PhonesAsync(user.Id));
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var page = await client.GetAsync("/account/phones");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 6; i++)
        {
            var after = await client.PostAsync(page, "/account/phones?handler=Rename", new() { ["id"] = phone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["nickname"] = "name " + i });
            statuses.Add(after.Status);
        }

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        Assert.Equal("name 4", Assert.Single(await fixture.PhonesAsync(user.Id)).Nickname);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/phones")).Status);
    }
}
