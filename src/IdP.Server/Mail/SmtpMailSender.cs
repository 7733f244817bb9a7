using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IdP.Server.Portal;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IdP.Server.Mail;

/// <summary>
/// The e-mail channel of account notices: one SMTP session per notice through the relay in <c>IdP:Mail</c> (MailKit),
/// StartTls required by default, optional AUTH, a certificate pin for internal relays. Never throws for relay problems
/// and never logs the password or the full address. As a hosted service it tells the operator once at start whether
/// mail is on.
/// </summary>
public sealed partial class SmtpMailSender(IOptions<MailOptions> options, ILogger<SmtpMailSender> logger) : INotificationSender, IHostedService
{
    public const string NotConfigured = "e-mail is not configured on this server (IdP:Mail:Host)";

    public async Task<NoticeDelivery> SendAsync(AccountNotification notification, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var o = options.Value;
        if (!o.IsConfigured)
        {
            return NoticeDelivery.NotSent(NotConfigured);
        }

        if (!MailboxAddress.TryParse(notification.Email, out var to))
        {
            return NoticeDelivery.NotSent("the account's e-mail address is not valid");
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.From!.Trim()));
        message.To.Add(to);
        message.Subject = notification.Subject;
        message.Body = new TextPart("plain") { Text = notification.Text };

        var masked = MaskEmail(notification.Email);
        var endpoint = $"{o.Host!.Trim()}:{o.EffectivePort}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        if (o.NormalizedPin is { } pin)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, _) => MatchesPin(certificate, pin);
        }

        try
        {
            await client.ConnectAsync(o.Host!.Trim(), o.EffectivePort, ToMailKit(o.Security), timeout.Token);
            if (!string.IsNullOrEmpty(o.Username))
            {
                await client.AuthenticateAsync(o.Username, o.Password ?? "", timeout.Token);
            }

            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            LogSent(logger, masked, notification.UserId, endpoint);
            return NoticeDelivery.Done;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var problem = $"the mail relay {endpoint} did not take it: {Describe(ex, o)}";
            LogNotSent(logger, masked, notification.UserId, problem);
            return NoticeDelivery.NotSent(problem);
        }
    }

    /// <summary><c>jane@example.com</c> → <c>j•••@example.com</c>.</summary>
    public static string MaskEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        return at <= 0 ? "•••" : email[0] + "•••" + email[at..];
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.IsConfigured)
        {
            LogConfigured(logger, o.Host!.Trim(), o.EffectivePort, o.Security, MaskEmail(o.From!.Trim()), string.IsNullOrEmpty(o.Username) ? "no" : "yes");
        }
        else
        {
            LogNotConfigured(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static SecureSocketOptions ToMailKit(MailSecurity security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    private static bool MatchesPin(X509Certificate? certificate, string pin) =>
        certificate is not null && Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())) == pin;

    /// <summary>Plain words for the audit log and the operator; MailKit's messages carry no password.</summary>
    private static string Describe(Exception ex, MailOptions o) => ex switch
    {
        OperationCanceledException or TimeoutException => $"no answer within {o.Timeout.TotalSeconds:0} s (IdP:Mail:Timeout)",
        SslHandshakeException => o.NormalizedPin is null
            ? "its TLS certificate is not trusted (for a self-signed relay set IdP:Mail:ServerCertificateSha256)"
            : "its TLS certificate does not match IdP:Mail:ServerCertificateSha256",
        AuthenticationException => "it refused the user name or password (IdP:Mail:Username, IdP:Mail:Password)",
        SmtpCommandException command when command.ErrorCode == SmtpErrorCode.RecipientNotAccepted => $"it refused the recipient ({(int)command.StatusCode})",
        SmtpCommandException command => $"it answered {(int)command.StatusCode} {command.Message}",
        NotSupportedException when o.Security == MailSecurity.StartTls => "it does not offer STARTTLS (IdP:Mail:Security)",
        SmtpProtocolException or IOException or System.Net.Sockets.SocketException => $"{ex.GetType().Name}: {ex.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    [LoggerMessage(EventId = 4410, Level = LogLevel.Information, Message = "E-mail notices go through {Host}:{Port} ({Security}) from {From}; SMTP AUTH: {Auth}.")]
    private static partial void LogConfigured(ILogger logger, string host, int port, MailSecurity security, string from, string auth);

    [LoggerMessage(EventId = 4411, Level = LogLevel.Warning, Message = "OPERATOR: e-mail is not configured (IdP:Mail:Host is empty), so account notices (phone added, changed or removed; SMS sign-in locked) go out by text message only; each e-mail that could not go out is recorded in the audit log as notice.not_sent. Set IdP:Mail:Host and IdP:Mail:From (see docs/mail.md).")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(EventId = 4412, Level = LogLevel.Information, Message = "E-mail notice sent to {Email} (user {UserId}) through {Endpoint}.")]
    private static partial void LogSent(ILogger logger, string email, string userId, string endpoint);

    [LoggerMessage(EventId = 4413, Level = LogLevel.Warning, Message = "E-mail notice to {Email} (user {UserId}) not sent: {Problem}.")]
    private static partial void LogNotSent(ILogger logger, string email, string userId, string problem);
}
