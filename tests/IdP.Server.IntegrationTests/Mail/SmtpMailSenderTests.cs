using IdP.Server.IntegrationTests.SmsSignIn;
using IdP.Server.Mail;
using IdP.Server.Portal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdP.Server.IntegrationTests.Mail;

/// <summary>
/// The MailKit sender against the independent npm <c>smtp-server</c>, in each security mode: the message arrives
/// over the channel configured, and every way the relay or its certificate can be wrong ends as "not sent" with a
/// reason, never as an exception and never with the password in a log line.
/// </summary>
public sealed class SmtpMailSenderTests
{
    private const string Recipient = "jane.doe@example.com";

    [Theory]
    [InlineData("starttls", "StartTls", true)]
    [InlineData("tls", "SslOnConnect", true)]
    [InlineData("plain", "None", false)]
    public async Task Send_EachSecurityMode_ArrivesOverThatChannel(string peerMode, string security, bool encrypted)
    {
        await using var peer = await SmtpPeer.StartAsync(peerMode);
        var (sender, _) = Sender(peer, security);

        var delivery = await sender.SendAsync(Notice(), CancellationToken.None);

        Assert.True(delivery.Sent, delivery.Problem);
        var mail = await peer.WaitForMailAsync(Recipient, "Test notice");
        Assert.Equal(encrypted, mail.Secure);
        Assert.Equal("idp-notices@example.test", mail.EnvelopeFrom);
        Assert.Equal("Something happened at 10:00 UTC.", mail.Text.Trim());
        Assert.Equal(Recipient, Assert.Single(mail.Message.To.Mailboxes).Address);
    }

    [Fact]
    public async Task Send_SelfSignedRelayWithoutPin_IsNotTrusted_NothingSent()
    {
        // A man in the middle with a certificate of its own gets nothing.
        await using var peer = await SmtpPeer.StartAsync("starttls");
        var (sender, _) = Sender(peer, "StartTls", o => o.ServerCertificateSha256 = null);

        var delivery = await sender.SendAsync(Notice(), CancellationToken.None);

        Assert.False(delivery.Sent);
        Assert.Contains("certificate is not trusted", delivery.Problem, StringComparison.Ordinal);
        Assert.Empty(peer.Mails);
    }

    [Fact]
    public async Task Send_PinOfAnotherCertificate_IsRefused_NothingSent()
    {
        await using var peer = await SmtpPeer.StartAsync("tls");
        var (sender, _) = Sender(peer, "SslOnConnect", o => o.ServerCertificateSha256 = new string('A', 64));

        var delivery = await sender.SendAsync(Notice(), CancellationToken.None);

        Assert.False(delivery.Sent);
        Assert.Contains("does not match IdP:Mail:ServerCertificateSha256", delivery.Problem, StringComparison.Ordinal);
        Assert.Empty(peer.Mails);
    }

    [Fact]
    public async Task Send_StartTlsRequired_RelayWithoutStartTls_NothingGoesOutInPlainText()
    {
        // A downgrade (STARTTLS stripped) must not make the client send in the clear.
        await using var peer = await SmtpPeer.StartAsync("plain");
        var (sender, _) = Sender(peer, "StartTls");

        var delivery = await sender.SendAsync(Notice(), CancellationToken.None);

        Assert.False(delivery.Sent);
        Assert.Contains("STARTTLS", delivery.Problem, StringComparison.Ordinal);
        Assert.Empty(peer.Mails);
    }

    [Fact]
    public async Task Send_WithAuth_RightPasswordIsAccepted_WrongIsReported_NeitherIsLogged()
    {
        const string password = "s3cret-relay-pass";
        await using var peer = await SmtpPeer.StartAsync("starttls", user: "idp", password: password);
        var (good, logs) = Sender(peer, "StartTls", o => (o.Username, o.Password) = ("idp", password));
        var (bad, badLogs) = Sender(peer, "StartTls", o => (o.Username, o.Password) = ("idp", "wrong-" + password));

        var sent = await good.SendAsync(Notice(), CancellationToken.None);
        var refused = await bad.SendAsync(Notice(), CancellationToken.None);

        Assert.True(sent.Sent, sent.Problem);
        Assert.True((await peer.WaitForMailAsync(Recipient, "Test notice")).Authenticated);
        Assert.False(refused.Sent);
        Assert.Contains("refused the user name or password", refused.Problem, StringComparison.Ordinal);
        Assert.Single(peer.Mails);
        var lines = logs.Lines.Concat(badLogs.Lines).ToList();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Recipient, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_RecipientRefusedByTheRelay_IsReportedNotThrown()
    {
        await using var peer = await SmtpPeer.StartAsync("starttls", rejectRecipient: Recipient);
        var (sender, _) = Sender(peer, "StartTls");

        var delivery = await sender.SendAsync(Notice(), CancellationToken.None);

        Assert.False(delivery.Sent);
        Assert.Contains("refused the recipient", delivery.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NothingListens_IsReportedNotThrown()
    {
        var options = new MailOptions { Host = "127.0.0.1", Port = Sms.SmscPeer.FreePort(), Security = MailSecurity.None, From = "idp@example.test", Timeout = TimeSpan.FromSeconds(5) };
        var sender = new SmtpMailSender(Options.Create(options), LoggerFactory.Create(_ => { }).CreateLogger<SmtpMailSender>());

        var delivery = await sender.SendAsync(Notice(), CancellationToken.None);

        Assert.False(delivery.Sent);
        Assert.Contains($"127.0.0.1:{options.Port} did not take it", delivery.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NotConfigured_SaysSo()
    {
        var sender = new SmtpMailSender(Options.Create(new MailOptions()), LoggerFactory.Create(_ => { }).CreateLogger<SmtpMailSender>());

        var delivery = await sender.SendAsync(Notice(), CancellationToken.None);

        Assert.Equal(NoticeDelivery.NotSent(SmtpMailSender.NotConfigured), delivery);
    }

    private static AccountNotification Notice() => new("user-1", Recipient, "Test notice", "Something happened at 10:00 UTC.");

    private static (SmtpMailSender Sender, LogCapture Logs) Sender(SmtpPeer peer, string security, Action<MailOptions>? change = null)
    {
        var settings = new Dictionary<string, string>();
        peer.Configure(settings, security);
        var options = new MailOptions
        {
            Host = settings["IdP:Mail:Host"],
            Port = int.Parse(settings["IdP:Mail:Port"], System.Globalization.CultureInfo.InvariantCulture),
            Security = Enum.Parse<MailSecurity>(security),
            From = settings["IdP:Mail:From"],
            ServerCertificateSha256 = settings.GetValueOrDefault("IdP:Mail:ServerCertificateSha256"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        change?.Invoke(options);
        Assert.True(new MailOptionsValidator().Validate(null, options).Succeeded);
        var logs = new LogCapture();
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        return (new SmtpMailSender(Options.Create(options), factory.CreateLogger<SmtpMailSender>()), logs);
    }
}
