using IdP.Authentication.Phones;
using IdP.Authentication.Sms;
using IdP.Data.Entities;
using IdP.Server.Commands;
using IdP.Server.IntegrationTests.Portal;
using IdP.Server.IntegrationTests.Portal.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Mail;

/// <summary>
/// Binding or losing the SMS factor is announced on channels the change did not bring in (ASVS 5 6.3.7, NIST SP
/// 800-63B-4 §4.6): an attacker who adds their own phone to a victim's account, removes the victim's, or guesses
/// codes is seen by the victim — by e-mail (read from a real SMTP server) and by a text to the old number (read from
/// a real SMSC). No logging stub counts as sent.
/// </summary>
[Collection(NoticeServerCollection.Name)]
public sealed class NoticeTests(NoticeServerFixture fixture)
{
    [Fact]
    public async Task PortalAdd_FirstPhone_EmailOverStartTls_NamesTheMaskedNumberAndWhatToDo()
    {
        var user = await fixture.CreateUserAsync(withPhone: false);
        var number = TestNumbers.NewMobile();
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var verify = await client.StartAddAsync(number);
        var code = fixture.Sms.LastCodeTo(number);

        var done = await client.EnterEnrollmentCodeAsync(verify, code);

        Assert.Contains("was verified and added", done.ElementText("status-message"), StringComparison.Ordinal);
        var mail = await fixture.Smtp.WaitForMailAsync(user.Email!, "A phone number was added to your account");
        Assert.True(mail.Secure, "the relay is reached over STARTTLS");
        Assert.Equal("idp-notices@example.test", mail.EnvelopeFrom);
        Assert.Equal("IdP notices", Assert.Single(mail.Message.From.Mailboxes).Name);
        Assert.Contains(PhoneNumberRules.Mask(number), mail.Text, StringComparison.Ordinal);
        Assert.Contains("in the account portal", mail.Text, StringComparison.Ordinal);
        Assert.Matches(@"On \d{4}-\d\d-\d\d \d\d:\d\d UTC", mail.Text);
        Assert.Contains("If it wasn't you", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(number, mail.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(code, mail.Raw, StringComparison.Ordinal);

        // The new number is the only one: no text notice (it would go to the number the change brought in).
        Assert.DoesNotContain(fixture.TextsTo(number), t => t.Contains("was added", StringComparison.Ordinal));
        var audit = Assert.Single(await fixture.NoticeAuditAsync(user.Id));
        Assert.Equal(AuditEventTypes.NoticeSent, audit.Type);
        Assert.Contains("e-mail 'phone added' to u•••@example.com", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortalAdd_SecondPhone_TheOldNumberIsTextedThroughTheSmsc_AndTheAddressMailed()
    {
        var user = await fixture.CreateUserAsync();
        var old = user.Phone!;
        var added = TestNumbers.NewMobile();
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        await client.StepUpAsync("/account/phones", user);
        var verify = await client.StartAddAsync(TestNumbers.National(added));
        var mark = fixture.SmsMark();

        await client.EnterEnrollmentCodeAsync(verify, fixture.Sms.LastCodeTo(added));

        var text = await fixture.WaitForTextAsync(old, "was added to your account");
        Assert.StartsWith("idp.example.test: a phone number ending in " + added[^2..], text, StringComparison.Ordinal);
        Assert.Contains("If this wasn't you, contact your administrator at once.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(added[3..], text, StringComparison.Ordinal);
        Assert.Empty(fixture.TextsTo(added, mark));
        var mail = await fixture.Smtp.WaitForMailAsync(user.Email!, "A phone number was added");
        Assert.Contains(PhoneNumberRules.Mask(added), mail.Text, StringComparison.Ordinal);
        var record = await fixture.QueryAsync(db => db.SmsMessages.AsNoTracking().SingleAsync(m => m.UserId == user.Id && m.Purpose == SmsPurposes.Notice));
        Assert.Equal(PhoneNumberRules.Mask(old), record.DestinationMasked);
        Assert.NotEqual(SmsStates.Refused, record.State);
    }

    [Fact]
    public async Task PortalRemove_VerifiedPhone_TheRemovedNumberIsTexted_AndTheAddressMailed()
    {
        var (user, removed, client, path, confirm) = await ReadyToRemoveAsync();
        using var __ = client;

        var after = await client.PostAsync(confirm, path, []);

        Assert.Contains("was removed", after.ElementText("status-message"), StringComparison.Ordinal);
        var text = await fixture.WaitForTextAsync(removed, "this phone number was removed from your account");
        Assert.Contains("If this wasn't you", text, StringComparison.Ordinal);
        var mail = await fixture.Smtp.WaitForMailAsync(user.Email!, "A phone number was removed from your account");
        Assert.Contains(PhoneNumberRules.Mask(removed), mail.Text, StringComparison.Ordinal);
        Assert.Contains("no longer receives sign-in codes", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLine_ReplacePhone_IsAChange_ThePreviousNumberIsTexted_AndTheAddressMailed()
    {
        var user = await fixture.CreateUserAsync();
        var previous = user.Phone!;
        var replacement = TestNumbers.NewMobile();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(fixture.Server.Services, ["users", "phone", "add", "--username", user.Username, "--phone", replacement, "--replace"], output, error, CancellationToken.None);

        Assert.True(exit == 0, $"exit {exit}: {output}{error}");
        Assert.Equal([replacement], (await fixture.PhonesAsync(user.Id)).Select(p => p.Number));
        var text = await fixture.WaitForTextAsync(previous, "sign-in codes for your account go to a number ending in " + replacement[^2..]);
        Assert.DoesNotContain(replacement[3..], text, StringComparison.Ordinal);
        var mail = await fixture.Smtp.WaitForMailAsync(user.Email!, "The phone number of your account was changed");
        Assert.Contains($"sign-in codes now go to {PhoneNumberRules.Mask(replacement)}", mail.Text, StringComparison.Ordinal);
        Assert.Contains("by an administrator on the server's command line", mail.Text, StringComparison.Ordinal);
        Assert.All(await fixture.NoticeAuditAsync(user.Id), e => Assert.StartsWith("cli@", e.ActorId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongCodes_ReachTheAccountLimit_TheLockIsAnnouncedOnce_ByEmailAndText()
    {
        var user = await fixture.CreateUserAsync();
        var phone = user.Phone!;
        using var client = new PortalClient(fixture);
        var codePage = await fixture.SmppSignInAsync(client, user);
        Assert.True(codePage.HasElement("code-form"), $"expected the code page: {codePage}");
        var wrong = fixture.Sms.LastCodeTo(phone) == "000000" ? "111111" : "000000";
        var page = codePage;

        // The guesses of someone who has the password but not the phone, up to the limit.
        for (var i = 0; i < NoticeServerFixture.FailureLimit; i++)
        {
            page = await NoticeServerFixture.StepAsync(client, page, new() { ["Input.Code"] = wrong });
            Assert.True(page.HasElement("code-form"), $"guess {i + 1}: {page}");
        }

        var mail = await fixture.Smtp.WaitForMailAsync(user.Email!, "Text-message sign-in to your account is locked");
        Assert.Contains($"limit of {NoticeServerFixture.FailureLimit} wrong sign-in codes in a row", mail.Text, StringComparison.Ordinal);
        Assert.Contains("someone knows your password", mail.Text, StringComparison.Ordinal);
        var text = await fixture.WaitForTextAsync(phone, "SMS sign-in to your account locked since");
        Assert.DoesNotContain(wrong, text, StringComparison.Ordinal);

        // Once per lock, however often it is hit afterwards (the notices are sent before the answer, and audited).
        var blocked = await NoticeServerFixture.StepAsync(client, page, new() { ["Input.Code"] = wrong });
        Assert.True(blocked.HasElement("code-form") && blocked.Html.Contains("are locked until", StringComparison.Ordinal),
            $"the locked factor keeps the person on the code page and says when it unlocks: {blocked}");
        Assert.Equal(2, (await fixture.NoticeAuditAsync(user.Id)).Count(e => e.Type == AuditEventTypes.NoticeSent));
        Assert.Single(fixture.Smtp.MailsTo(user.Email!), m => m.Subject.Contains("locked", StringComparison.Ordinal));
        Assert.Single(fixture.TextsTo(phone), t => t.Contains("locked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoticeText_WhileTheBreakerIsOpen_IsRefusedAndRecorded_TheEmailStillGoes()
    {
        var (user, removed, client, path, confirm) = await ReadyToRemoveAsync();
        using var __ = client;
        var mark = fixture.SmsMark();
        await WithLimiterAsync(l => l.TripAsync("test: SMS pumping suspected", CancellationToken.None));
        try
        {
            var after = await client.PostAsync(confirm, path, []);

            Assert.Contains("was removed", after.ElementText("status-message"), StringComparison.Ordinal);
            await fixture.Smtp.WaitForMailAsync(user.Email!, "A phone number was removed");
            var record = await fixture.QueryAsync(db => db.SmsMessages.AsNoTracking().SingleAsync(m => m.UserId == user.Id && m.Purpose == SmsPurposes.Notice));
            Assert.Equal(SmsStates.Refused, record.State);
            Assert.Contains("circuit breaker", record.Error, StringComparison.Ordinal);
            var refused = Assert.Single(await fixture.NoticeAuditAsync(user.Id), e => e.Type == AuditEventTypes.NoticeNotSent);
            Assert.Contains("circuit breaker is open", refused.Detail, StringComparison.Ordinal);
            Assert.Empty(fixture.TextsTo(removed, mark));
        }
        finally
        {
            await WithLimiterAsync(l => l.ResetBreakerAsync(CancellationToken.None));
        }
    }

    /// <summary>A person with two verified numbers, signed in and stepped up, on the page that removes their first number.</summary>
    private async Task<(Infrastructure.TestUser User, string Removed, PortalClient Client, string Path, Infrastructure.Landing Confirm)> ReadyToRemoveAsync()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.AddVerifiedPhoneAsync(user.Id, TestNumbers.NewMobile());
        var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        await client.StepUpAsync("/account/phones", user);
        var phone = (await fixture.PhonesAsync(user.Id)).Single(p => p.Number == user.Phone);
        var path = $"/account/phones/remove/{phone.Id}";
        return (user, user.Phone!, client, path, await client.GetAsync(path));
    }

    private async Task WithLimiterAsync(Func<SmsSendLimiter, Task> action)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<SmsSendLimiter>());
    }
}
