using IdP.Authentication.Phones;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Portal.Support;
using IdP.Server.Portal;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.IntegrationTests.Portal;

/// <summary>Re-enrolling a phone: freshness, the code to the new number, policies and limits.</summary>
[Collection(PortalServerCollection.Name)]
public sealed class PhoneEnrollmentTests(PortalServerFixture fixture)
{
    [Fact]
    public async Task AddPhone_SmppUser_StepsUpWithCodeToOldPhoneThenVerifiesNewAndNotifiesOld()
    {
        var user = await fixture.CreateUserAsync();
        var old = user.Phone!;
        var replacement = TestNumbers.NewMobile();
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var stepUpCodesBefore = fixture.Sms.To(old).Count;

        // A password-only session is not strong enough: the step-up texts the current phone.
        await client.StepUpAsync("/account/phones", user);
        Assert.Equal(stepUpCodesBefore + 1, fixture.Sms.To(old).Count);

        var verify = await client.StartAddAsync(TestNumbers.National(replacement), nickname: "new phone");
        Assert.Equal("/account/phones/verify", verify.Url.AbsolutePath);
        Assert.Contains(PhoneNumberRules.Mask(replacement), System.Net.WebUtility.HtmlDecode(verify.Html), StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.PhonesAsync(user.Id), p => p.Number == replacement);

        var done = await client.EnterEnrollmentCodeAsync(verify, fixture.Sms.LastCodeTo(replacement));

        Assert.Equal("/account/phones", done.Url.AbsolutePath);
        Assert.Contains("was verified and added", done.ElementText("status-message"), StringComparison.Ordinal);
        var phones = await fixture.PhonesAsync(user.Id);
        var added = Assert.Single(phones, p => p.Number == replacement);
        Assert.NotNull(added.VerifiedAt);
        Assert.Equal("new phone", added.Nickname);
        var identity = await fixture.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal(replacement, identity.PhoneNumber);
        Assert.True(identity.PhoneNumberConfirmed);

        var notice = fixture.Sms.To(old).Last();
        Assert.Contains("ending in " + replacement[^2..], notice.Text, StringComparison.Ordinal);
        Assert.Contains("If this wasn't you", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(replacement, notice.Text, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.QueryAsync(db => db.SmsMessages.CountAsync(m => m.UserId == user.Id && m.Purpose == SmsPurposes.Notice)));

        var audit = await fixture.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.UserId == user.Id && e.Type == AuditEventTypes.PhoneAdded));
        Assert.Contains(PhoneNumberRules.Mask(replacement), audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(replacement, audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPhone_StaleSession_RequiresStepUpBeforeAnyChange()
    {
        var user = await fixture.CreateUserAsync(withPhone: false);
        var number = TestNumbers.NewMobile();
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var phones = await client.GetAsync("/account/phones");
        Assert.True(phones.HasElement("add-form"), "a fresh password session (no phone: pwd is the strongest method) may add a number");

        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        var refused = await client.PostAsync(phones, "/account/phones?handler=Add", new() { ["Add.Number"] = number, ["Add.Region"] = "DE" });

        Assert.Contains("too long ago", refused.ElementText("error-message"), StringComparison.Ordinal);
        Assert.True(refused.HasElement("step-up"));
        Assert.Empty(fixture.Sms.To(number));

        await client.StepUpAsync("/account/phones", user);
        var verify = await client.StartAddAsync(number);
        Assert.Equal("/account/phones/verify", verify.Url.AbsolutePath);
        Assert.Single(fixture.Sms.To(number));
    }

    [Fact]
    public async Task AddPhone_WrongCode_LeavesOldNumberInForceAndPendingNumberUnused()
    {
        var user = await fixture.CreateUserAsync();
        var old = user.Phone!;
        var replacement = TestNumbers.NewMobile();
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        await client.StepUpAsync("/account/phones", user);
        var verify = await client.StartAddAsync(replacement);
        var right = fixture.Sms.LastCodeTo(replacement);
        var wrong = right == "000000" ? "111111" : "000000";

        var after = await client.EnterEnrollmentCodeAsync(verify, wrong);

        Assert.Contains("not right", after.ElementText("code-error"), StringComparison.Ordinal);
        var phones = await fixture.PhonesAsync(user.Id);
        Assert.Equal([old], phones.Select(p => p.Number));
        var identity = await fixture.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal(old, identity.PhoneNumber);
        Assert.Contains(AuditEventTypes.CodeWrong, await fixture.AuditTypesAsync(user.Id));
        Assert.DoesNotContain(AuditEventTypes.PhoneAdded, await fixture.AuditTypesAsync(user.Id));

        // A sign-in code still goes to the old number, never to the pending one.
        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        var toPendingBefore = fixture.Sms.To(replacement).Count;
        await client.StepUpAsync("/account/phones", user);
        Assert.Equal(toPendingBefore, fixture.Sms.To(replacement).Count);
        Assert.Equal(old, fixture.Sms.Sent.Last().Destination);
    }

    [Fact]
    public async Task AddPhone_NumberVerifiedByAnotherAccount_IsRefusedWithoutSending()
    {
        var owner = await fixture.CreateUserAsync();
        var user = await fixture.CreateUserAsync(withPhone: false);
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var sentBefore = fixture.Sms.To(owner.Phone!).Count;

        var refused = await client.StartAddAsync(owner.Phone!);

        Assert.Equal("/account/phones", refused.Url.AbsolutePath);
        Assert.Equal(PhoneEnrollmentService.NotAvailableMessage, refused.ElementText("add-error"));
        Assert.Equal(sentBefore, fixture.Sms.To(owner.Phone!).Count);
        Assert.Empty(await fixture.PhonesAsync(user.Id));
    }

    [Theory]
    [InlineData("+4930123456", "landline")]
    [InlineData("12", "Phone number '12'")]
    [InlineData("+49 900 1234567", "Premium-rate")]
    public async Task AddPhone_NumberThatCannotReceiveCodes_ShowsClearMessage(string input, string expected)
    {
        var user = await fixture.CreateUserAsync(withPhone: false);
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var sent = fixture.Sms.Sent.Count;

        var refused = await client.StartAddAsync(input);

        Assert.Contains(expected, refused.ElementText("add-error"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(sent, fixture.Sms.Sent.Count);
    }

    [Fact]
    public async Task AddPhone_FourthCodeToSameNumber_RefusedBySendLimit()
    {
        var user = await fixture.CreateUserAsync(withPhone: false);
        var number = TestNumbers.NewMobile();
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);

        for (var i = 0; i < 3; i++)
        {
            var verify = await client.StartAddAsync(number);
            Assert.Equal("/account/phones/verify", verify.Url.AbsolutePath);
            fixture.Clock.Advance(TimeSpan.FromSeconds(31)); // past the resend cooldown, which applies to every enrollment code
        }

        var limited = await client.StartAddAsync(number);

        Assert.Contains("Too many codes", limited.ElementText("add-error"), StringComparison.Ordinal);
        Assert.Equal(3, fixture.Sms.To(number).Count);
        Assert.Contains(AuditEventTypes.SendLimited, await fixture.AuditTypesAsync(user.Id));
    }

    [Fact]
    public async Task AddPhone_CodeOfAnEarlierEnrollment_DoesNotVerifyTheNewOne()
    {
        var user = await fixture.CreateUserAsync(withPhone: false);
        var first = TestNumbers.NewMobile();
        var second = TestNumbers.NewMobile();
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        await client.StartAddAsync(first);
        var firstCode = fixture.Sms.LastCodeTo(first);
        fixture.Clock.Advance(TimeSpan.FromSeconds(31)); // past the resend cooldown, which applies to every enrollment code
        var verify = await client.StartAddAsync(second);

        Assert.NotEqual(firstCode, fixture.Sms.LastCodeTo(second));

        var after = await client.EnterEnrollmentCodeAsync(verify, firstCode);

        Assert.True(after.HasElement("code-error"), after.ToString());
        Assert.Empty(await fixture.PhonesAsync(user.Id));
    }
}
