using System.Globalization;
using System.Text;
using System.Text.Json;
using IdP.Server.IntegrationTests.Infrastructure;
using MimeKit;

namespace IdP.Server.IntegrationTests.Mail;

/// <summary>
/// The independent SMTP server of <c>tests/peers/smtp.js</c> (npm <c>smtp-server</c>, from the nodemailer project):
/// STARTTLS, implicit TLS or plain, optional AUTH, a fresh self-signed certificate whose SHA-256 fingerprint it
/// reports; every message it accepted, with its envelope, is an event the tests read.
/// </summary>
public sealed class SmtpPeer : NodeEventPeer
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private SmtpPeer(IEnumerable<string> arguments)
        : base("smtp.js", "smtp-server", arguments)
    {
    }

    public int Port { get; private set; }

    /// <summary>The certificate's SHA-256 fingerprint, as IdP:Mail:ServerCertificateSha256 takes it.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <param name="mode">starttls, tls (implicit) or plain.</param>
    /// <param name="user">Required AUTH user (with <paramref name="password"/>); null: AUTH optional.</param>
    /// <param name="password">Required AUTH password.</param>
    /// <param name="rejectRecipient">An address the server refuses with 550.</param>
    public static async Task<SmtpPeer> StartAsync(string mode = "starttls", string? user = null, string? password = null, string? rejectRecipient = null)
    {
        var arguments = new List<string> { "--mode", mode };
        if (user is not null)
        {
            arguments.AddRange(["--user", user, "--password", password ?? ""]);
        }

        if (rejectRecipient is not null)
        {
            arguments.AddRange(["--reject-rcpt", rejectRecipient]);
        }

        var peer = new SmtpPeer(arguments);
        var listening = await peer.ListeningAsync();
        peer.Port = listening.GetProperty("port").GetInt32();
        peer.Fingerprint = Str(listening, "fingerprint256")!;
        return peer;
    }

    /// <summary>Server settings that send the IdP's mail here with <paramref name="security"/>, trusting the peer's certificate by its pin.</summary>
    public void Configure(Dictionary<string, string> settings, string security = "StartTls")
    {
        settings["IdP:Mail:Host"] = "127.0.0.1";
        settings["IdP:Mail:Port"] = Port.ToString(CultureInfo.InvariantCulture);
        settings["IdP:Mail:Security"] = security;
        settings["IdP:Mail:From"] = "idp-notices@example.test";
        settings["IdP:Mail:FromName"] = "IdP notices";
        if (security != "None")
        {
            settings["IdP:Mail:ServerCertificateSha256"] = Fingerprint;
        }
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<ReceivedMail> Mails => [.. Events.Where(e => Is(e, "mail")).Select(ReceivedMail.From)];

    /// <summary>Waits for a message to <paramref name="recipient"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<ReceivedMail> WaitForMailAsync(string recipient, string subject) =>
        ReceivedMail.From(await WaitForAsync(e => Is(e, "mail") && ReceivedMail.From(e) is var m && m.To.Contains(recipient) && m.Subject.Contains(subject, StringComparison.Ordinal), Patience));

    /// <summary>The messages to <paramref name="recipient"/> so far.</summary>
    public IReadOnlyList<ReceivedMail> MailsTo(string recipient) => [.. Mails.Where(m => m.To.Contains(recipient))];
}

/// <summary>One message as the SMTP server received it: envelope, whether TLS and AUTH were used, and the parsed message.</summary>
public sealed record ReceivedMail(string? EnvelopeFrom, IReadOnlyList<string> To, bool Secure, bool Authenticated, string Raw, MimeMessage Message)
{
    public string Subject => Message.Subject ?? "";

    public string Text => Message.TextBody ?? "";

    public static ReceivedMail From(JsonElement e)
    {
        var raw = NodeEventPeer.Str(e, "raw") ?? "";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw));
        return new ReceivedMail(
            NodeEventPeer.Str(e, "from"),
            [.. e.GetProperty("to").EnumerateArray().Select(t => t.GetString()!)],
            e.GetProperty("secure").GetBoolean(),
            e.GetProperty("authenticated").GetBoolean(),
            raw,
            MimeMessage.Load(stream));
    }
}
