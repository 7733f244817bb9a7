using IdP.Authentication.Phones;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Commands;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdP.Server.IntegrationTests.Sms.SmppTestSettings;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>
/// <c>sms test</c> against the independent npm <c>smpp</c> SMSC, with the <c>smpp</c> script disabled (an admin tests
/// before enabling): bind result, message id, delivery receipt, the test SMS record; and the failures in plain words.
/// </summary>
[Collection(SmsServerCollection.Name)]
public sealed class SmsTestCommandTests(SmsServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(Server.Services, args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task SmsTest_ScriptDisabledButConfigured_SendsWaitsForDeliveryAndRecordsATestSms()
    {
        await using var smsc = await SmscPeer.StartAsync(systemId: "cli-ok", password: "cli-pw", receipts: "tlv");
        await ConfigureAsync(Server, smsc.Port, "cli-ok", "cli-pw", enable: false);

        var result = await RunAsync("sms", "test", "--to", "+49 151 1234 5678", "--text", "Hello from sms test", "--wait", "20");

        Assert.True(result.Exit == 0, $"exit {result.Exit}\n{result.Out}\n{result.Err}");
        var submit = Assert.Single(smsc.Submits);
        var messageId = SmscPeer.Str(submit, "message_id")!;
        Assert.Equal("Hello from sms test", SmscPeer.Str(submit, "text"));
        Assert.Equal("4915112345678", SmscPeer.Str(submit, "destination"));
        Assert.Contains("smpp script: disabled", result.Out, StringComparison.Ordinal);
        Assert.Contains("Bind: bound OK", result.Out, StringComparison.Ordinal);
        Assert.Contains("NODESMSC", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Accepted: message id {messageId}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Delivery receipt for {messageId}: DELIVRD", result.Out, StringComparison.Ordinal);
        Assert.Contains("Delivered", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", result.Out, StringComparison.Ordinal);
        Assert.Equal("", result.Err);

        await using var scope = Server.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<IdPDbContext>().SmsMessages.AsNoTracking().SingleAsync(m => m.MessageIds == messageId);
        Assert.Equal(SmsPurposes.Test, record.Purpose);
        Assert.Equal(SmsStates.Delivered, record.State);
        Assert.Equal(PhoneNumberRules.Mask("+4915112345678"), record.DestinationMasked);
        Assert.DoesNotContain("12345678", record.DestinationMasked, StringComparison.Ordinal);
        Assert.Equal(1, record.Segments);
    }

    [Fact]
    public async Task SmsTest_WrongPassword_ExitsNonZeroWithCredentialsRejected()
    {
        await using var smsc = await SmscPeer.StartAsync(systemId: "cli-bad", password: "right-pw");
        await ConfigureAsync(Server, smsc.Port, "cli-bad", "wrong-pw", enable: false);

        var result = await RunAsync("sms", "test", "--to", "+4915112345678", "--wait", "5");

        Assert.Equal(1, result.Exit);
        Assert.Contains("Bind: credentials rejected", result.Out, StringComparison.Ordinal);
        Assert.Contains("ESME_RINVPASWD", result.Out, StringComparison.Ordinal);
        Assert.StartsWith("error: credentials rejected", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pw", result.Out + result.Err, StringComparison.Ordinal);
        Assert.Empty(smsc.Submits);
    }

    [Fact]
    public async Task SmsTest_NothingListening_ExitsNonZeroWithUnreachable()
    {
        var port = SmscPeer.FreePort();
        await ConfigureAsync(Server, port, "cli-none", "pw", enable: false);

        var result = await RunAsync("sms", "test", "--to", "+4915112345678", "--wait", "5");

        Assert.Equal(1, result.Exit);
        Assert.Contains($"Bind: unreachable (connection refused): Cannot connect to 127.0.0.1:{port}", result.Out, StringComparison.Ordinal);
        Assert.StartsWith($"error: unreachable (connection refused) (127.0.0.1:{port}); nothing was sent.", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345", "must be in international format")]
    [InlineData("+49 12", "is not a valid number")]
    public async Task SmsTest_InvalidNumber_ExitsTwoWithAPlainError(string number, string expected)
    {
        var result = await RunAsync("sms", "test", "--to", number);

        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: Phone number", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task SmsTest_NoSystemId_ExitsTwoAndSaysWhatToSet()
    {
        await ConfigureAsync(Server, 2775, "", "", enable: false);

        var result = await RunAsync("sms", "test", "--to", "+4915112345678");

        Assert.Equal(2, result.Exit);
        Assert.Contains("error: The smpp script has no system_id: set it with `acr set-property smpp system_id VALUE`", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmsTest_BadWait_ExitsTwo()
    {
        var result = await RunAsync("sms", "test", "--to", "+4915112345678", "--wait", "soon");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--wait must be whole seconds", result.Err, StringComparison.Ordinal);
    }
}
