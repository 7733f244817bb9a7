namespace IdP.Server.IntegrationTests.Sms;

/// <summary>
/// The SMS classes share one server and run one after the other: each test points the <c>smpp</c> script at its own
/// SMSC peer (and the node rebinds), so they must not overlap.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SmsServerCollection : ICollectionFixture<SmsServerFixture>
{
    public const string Name = "server: sms";
}
