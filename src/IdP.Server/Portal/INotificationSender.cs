namespace IdP.Server.Portal;

/// <summary>
/// Sends an account notice by e-mail, a channel independent of the phone being changed (ASVS 5 6.3.7; NIST SP
/// 800-63B-4 §4.6: notify the subscriber of a bound authenticator through an independent channel). The built-in
/// implementation is <see cref="Mail.SmtpMailSender"/> (MailKit, settings <c>IdP:Mail</c>). Implementations never
/// throw for channel problems: they say in <see cref="NoticeDelivery"/> why the notice did not go out, and the
/// caller records that.
/// </summary>
public interface INotificationSender
{
    Task<NoticeDelivery> SendAsync(AccountNotification notification, CancellationToken ct);
}

/// <param name="UserId">The account.</param>
/// <param name="Email">Where to send it (a confirmed address).</param>
/// <param name="Subject">One line.</param>
/// <param name="Text">Plain text; masked values only, never a code.</param>
public sealed record AccountNotification(string UserId, string Email, string Subject, string Text);

/// <summary>Whether a notice left on a channel; when not, <see cref="Problem"/> says why in plain words (no secrets).</summary>
public sealed record NoticeDelivery(bool Sent, string? Problem)
{
    public static readonly NoticeDelivery Done = new(true, null);

    public static NoticeDelivery NotSent(string problem) => new(false, problem);
}
