using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Portal;

/// <summary>The portal's settings are checked when the server starts, with messages an operator can act on.</summary>
public sealed class PortalOptionsTests
{
    [Theory]
    [InlineData("IdP:Account:FreshAuthenticationMinutes", "30", "between 10 and 20")]
    [InlineData("IdP:Account:DefaultRegion", "XX", "DefaultRegion 'XX'")]
    [InlineData("IdP:Account:LastPhoneRemoval", "Sometimes", "LastPhoneRemoval")]
    public async Task Start_InvalidAccountSetting_FailsWithClearMessage(string key, string value, string expected)
    {
        var settings = IdPServer.PostgresSettings("Host=127.0.0.1;Port=1;Database=unused;Username=nobody;Password=none");
        settings[key] = value;
        await using var server = new IdPServer(settings);

        var error = Assert.ThrowsAny<Exception>(() => server.Start());

        var messages = string.Join("\n", Flatten(error).Select(e => e.Message));
        Assert.Contains(expected, messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new IdP.Server.Portal.AccountPortalOptions();

        Assert.Equal(15, options.FreshAuthenticationMinutes);
        Assert.Equal("DE", options.DefaultRegion);
        Assert.False(options.AllowNumberVerifiedElsewhere);
        Assert.Equal(IdP.Server.Portal.LastPhoneRemovalPolicy.Block, options.LastPhoneRemoval);
    }
}
