namespace IdP.Server.Portal;

/// <summary>
/// Tells a user about a change to their account through a channel other than the one that changed (ASVS 5
/// 6.3.7; NIST SP 800-63B: notify the subscriber by an independent channel). The product ships no mail sender:
/// the built-in <see cref="LoggingNotificationSender"/> only logs that a notice would go out. A deployment with
/// mail replaces this service.
/// </summary>
public interface INotificationSender
{
    Task SendAsync(AccountNotification notification, CancellationToken ct);
}

/// <param name="UserId">The account.</param>
/// <param name="Email">Where to send it (may be null: no email on file).</param>
/// <param name="Subject">One line.</param>
/// <param name="Text">Plain text; masked values only.</param>
public sealed record AccountNotification(string UserId, string? Email, string Subject, string Text);
