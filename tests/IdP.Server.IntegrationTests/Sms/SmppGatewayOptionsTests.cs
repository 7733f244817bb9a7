using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>The node's SMPP settings (<c>IdP:Sms</c>) are checked at start, with messages that name the key to fix.</summary>
public sealed class SmppGatewayOptionsTests
{
    [Theory]
    [InlineData("IdP:Sms:HeartbeatInterval", "00:00:00", "IdP:Sms:HeartbeatInterval must be a positive duration")]
    [InlineData("IdP:Sms:WindowSize", "0", "IdP:Sms:WindowSize must be between 1 and 1000")]
    [InlineData("IdP:Sms:ReconnectMaxDelay", "00:00:00.100", "IdP:Sms:ReconnectMaxDelay must not be below ReconnectMinDelay")]
    [InlineData("IdP:Sms:StableBindDuration", "00:00:00", "IdP:Sms:StableBindDuration must be a positive duration")]
    [InlineData("IdP:Sms:ReceiptQueueCapacity", "0", "IdP:Sms:ReceiptQueueCapacity must be between 1 and 1000000")]
    public async Task Start_InvalidSmsSetting_FailsWithTheKeyToFix(string key, string value, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);
        settings[key] = value;
        await using var server = new IdPServer(settings);

        var error = Assert.ThrowsAny<Exception>(() => server.Start());

        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.True(validation is not null, error.ToString());
        Assert.Contains(expected, validation.Message, StringComparison.Ordinal);
    }
}
