namespace IdP.Server.Portal;

/// <summary>
/// The default <see cref="INotificationSender"/>: there is no mail sender in the product, so it writes a log line
/// ("email notice to j•••@example.com") and nothing leaves the server. Replace it to actually send mail.
/// </summary>
public sealed partial class LoggingNotificationSender(ILogger<LoggingNotificationSender> logger) : INotificationSender
{
    public Task SendAsync(AccountNotification notification, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(notification.Email))
        {
            LogNoAddress(logger, notification.UserId, notification.Subject);
        }
        else
        {
            LogNotice(logger, MaskEmail(notification.Email), notification.UserId, notification.Subject);
        }

        return Task.CompletedTask;
    }

    /// <summary><c>jane@example.com</c> → <c>j•••@example.com</c>.</summary>
    public static string MaskEmail(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "•••" : email[0] + "•••" + email[at..];
    }

    [LoggerMessage(EventId = 4400, Level = LogLevel.Information, Message = "Email notice to {Email} (user {UserId}): {Subject}. No mail sender is configured; the notice was only logged.")]
    private static partial void LogNotice(ILogger logger, string email, string userId, string subject);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "No email address for user {UserId}; notice not sent: {Subject}.")]
    private static partial void LogNoAddress(ILogger logger, string userId, string subject);
}
