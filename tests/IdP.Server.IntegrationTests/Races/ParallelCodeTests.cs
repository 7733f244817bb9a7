using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Acr;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Sms;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.IntegrationTests.Races;

/// <summary>
/// Wrong codes fired in parallel at one sign-in, over HTTP, on one node or alternating between two nodes on one
/// PostgreSQL database. The attack closed: the per-code and per-account counters were read, changed in memory and
/// written back, so N parallel guesses cost one attempt (NIST SP 800-63B §3.2.2, §3.1.3.2; ASVS 5.0 6.6.3).
/// </summary>
[Collection(TwoNodeCollection.Name)]
public sealed class ParallelCodeTests(TwoNodeFixture fixture)
{
    private const int MaxAttempts = 5; // the smpp script's default max_attempts

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task FiftyParallelWrongCodes_CountFifty_TheCodeDiesAtMaxAttempts_EvenTheRightCodeFailsAfter(int nodes)
    {
        using var browser = fixture.NodeA.CreateOidcClient();
        var (user, codePage, number) = await CodePageAsync(browser);
        var code = await fixture.CodeToAsync(number);

        await Burst.PostAsync(fixture.Nodes(nodes), browser, codePage, 50, _ => new() { ["Input.Code"] = Wrong(code) });

        // Every guess counted; only max_attempts of them were ever compared with the code (one audit event each).
        Assert.Equal(50, await fixture.QueryAsync(db => db.OtpAccountStates.Where(s => s.UserId == user.Id).Select(s => s.ConsecutiveFailures).SingleAsync()));
        var stored = await fixture.QueryAsync(db => db.OtpCodes.AsNoTracking().SingleAsync(c => c.UserId == user.Id));
        Assert.Equal(MaxAttempts, stored.FailedAttempts);
        Assert.NotNull(stored.RevokedAt);
        Assert.Equal(MaxAttempts, await fixture.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Type == AuditEventTypes.CodeWrong)));

        var right = await browser.SubmitCodeAsync(codePage, code);
        Assert.True(right.IsLoginPage, $"the right code must not work on a dead code, got {right}");
        Assert.Contains("no active code", right.ElementText("login-error"), StringComparison.Ordinal);

        // A guess at a dead code is refused without a comparison but still counts.
        Assert.Equal(51, await fixture.QueryAsync(db => db.OtpAccountStates.Where(s => s.UserId == user.Id).Select(s => s.ConsecutiveFailures).SingleAsync()));
    }

    [Fact]
    public async Task ParallelWrongCodesPastTheAccountLimit_OnTwoNodes_CountExactlyTheLimit_LockOnce_AndUnlockAfterTheWindow()
    {
        // Attack: a burst raced past the per-account failure limit; and at the limit the factor stayed locked until an
        // admin acted. Now the limit holds exactly, the lock is recorded once, the person is told when it ends, and
        // it ends by itself after IdP:Otp:LockoutDuration.
        using var browser = fixture.NodeA.CreateOidcClient();
        var (user, codePage, number) = await CodePageAsync(browser);
        var code = await fixture.CodeToAsync(number);

        var responses = await Burst.PostAsync(fixture.Nodes(2), browser, codePage, TwoNodeFixture.FailureLimit + 10, _ => new() { ["Input.Code"] = Wrong(code) });

        Assert.Equal(TwoNodeFixture.FailureLimit, await fixture.QueryAsync(db => db.OtpAccountStates.Where(s => s.UserId == user.Id).Select(s => s.ConsecutiveFailures).SingleAsync()));
        var locked = await fixture.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.UserId == user.Id && e.Type == AuditEventTypes.AccountLocked).ToListAsync());
        Assert.Single(locked);
        Assert.Contains("until", locked[0].Detail, StringComparison.Ordinal);
        Assert.Contains(responses, r => r.Html.Contains("are locked until", StringComparison.Ordinal));

        var stillLocked = await browser.SubmitCodeAsync(codePage, code);
        Assert.Contains("are locked until", stillLocked.ElementText("login-error"), StringComparison.Ordinal);

        // The lock is announced to the number (once), beside the audit event.
        await fixture.Smsc.WaitForCountAsync(e => SmscPeer.Is(e, "submit") && (SmscPeer.Str(e, "text") ?? "").Contains("locked", StringComparison.Ordinal), 1, TimeSpan.FromSeconds(60));

        fixture.Clock.Advance(TwoNodeFixture.LockoutDuration + TimeSpan.FromSeconds(1));
        var rp = await fixture.NodeA.CreateClientAsync();
        var again = await browser.SubmitLoginAsync(await browser.AuthorizeAsync(Smpp(rp)), user.Username, user.Password);
        var landing = await browser.SubmitCodeAsync(again, await fixture.CodeToAsync(number, nth: 2));
        Assert.True(landing.Callback.ContainsKey("code"), $"the factor did not unlock after the window: {landing}\n{Landing.Shorten(landing.Html)}");
        Assert.Equal(0, await fixture.QueryAsync(db => db.OtpAccountStates.Where(s => s.UserId == user.Id).Select(s => s.ConsecutiveFailures).SingleAsync()));
    }

    private async Task<(TestUser User, Landing CodePage, string Number)> CodePageAsync(OidcTestClient browser)
    {
        var number = TwoNodeFixture.NewNumber();
        var user = await fixture.NodeA.CreateUserAsync(phone: number);
        var rp = await fixture.NodeA.CreateClientAsync();
        var codePage = await browser.SubmitLoginAsync(await browser.AuthorizeAsync(Smpp(rp)), user.Username, user.Password);
        Assert.True(codePage.HasElement("Input_Code"), $"expected the code page, got {codePage}\n{Landing.Shorten(codePage.Html)}");
        return (user, codePage, number);
    }

    internal static AuthorizeRequest Smpp(TestClient rp) =>
        AuthorizeRequest.For(rp, "openid") with { Extra = new Dictionary<string, string> { ["acr_values"] = "smpp" } };

    private static string Wrong(string code) => code[0] == '9' ? "0" + code[1..] : "9" + code[1..];
}
