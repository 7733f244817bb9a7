using System.Globalization;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Smpp.Receipts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.SmsSignIn;

/// <summary>
/// Attack: learning the SMS provider's internals from the sign-in code page. Its delivery status poll
/// (<c>/account/login?handler=SmsStatus</c>, answered to whoever holds the flow cookie, before any second factor)
/// used to return the SMSC's error text (status names, route and network error codes). A failure now reads the same
/// whatever its cause; the detail stays in the delivery record, for the admin console. A server of its own: the
/// tests make its SMSC simulator reject or fail messages.
/// </summary>
public sealed class SmsStatusPollTests(SmsServerFixture fixture) : IClassFixture<SmsServerFixture>
{
    private const string Generic = "The SMS could not be delivered. Ask for a new code.";

    private IdPServer Server => fixture.Server;

    [Fact]
    public async Task StatusPoll_SmscRejectsTheSubmit_ShowsTheGenericMessage_TheRecordKeepsTheStatus()
    {
        fixture.Simulator.RejectStatus = 0x0B; // ESME_RINVDSTADR
        try
        {
            var (poll, record) = await SignInUntilFailedAsync();

            Assert.Equal(Generic, poll.Text);
            Assert.Contains("ESME_RINVDSTADR", record.Error, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Simulator.RejectStatus = null;
        }
    }

    [Fact]
    public async Task StatusPoll_NetworkReportsUndeliverable_ShowsTheGenericMessage_TheRecordKeepsTheError()
    {
        fixture.Simulator.Options.ReceiptState = MessageState.Undeliverable;
        try
        {
            var (poll, record) = await SignInUntilFailedAsync();

            Assert.Equal(Generic, poll.Text);
            Assert.Contains("could not deliver", record.Error, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Simulator.Options.ReceiptState = MessageState.Delivered;
        }
    }

    /// <summary>Signs in with acr smpp up to the code page, then polls the status until the message failed.</summary>
    private async Task<(Poll Poll, SmsMessage Record)> SignInUntilFailedAsync()
    {
        var user = await Server.CreateUserAsync(phone: SmsServerFixture.NewMobileNumber());
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp, "openid") with { Extra = new Dictionary<string, string> { ["acr_values"] = "smpp" } };
        await client.SubmitLoginAsync(await client.AuthorizeAsync(request), user.Username, user.Password);

        var poll = new Poll("", "", false);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (poll.State != SmsStates.Failed && DateTime.UtcNow < deadline)
        {
            var json = await client.GetJsonAsync("/account/login?handler=SmsStatus");
            poll = new Poll(json.GetProperty("state").GetString()!, json.GetProperty("text").GetString()!, json.GetProperty("final").GetBoolean());
            if (poll.State != SmsStates.Failed)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(poll.State == SmsStates.Failed, $"the status poll never said failed; last: {poll}");
        Assert.True(poll.Final);
        Assert.DoesNotContain("ESME", poll.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("error", poll.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(fixture.Simulator.Port.ToString(CultureInfo.InvariantCulture), poll.Text, StringComparison.Ordinal);
        await using var scope = Server.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<IdPDbContext>().SmsMessages.AsNoTracking().SingleAsync(m => m.UserId == user.Id);
        Assert.Equal(SmsStates.Failed, record.State);
        Assert.NotNull(record.Error);
        return (poll, record);
    }

    private sealed record Poll(string State, string Text, bool Final);
}
