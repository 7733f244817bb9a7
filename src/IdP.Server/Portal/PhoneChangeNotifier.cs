using IdP.Authentication.Otp;
using IdP.Authentication.Phones;
using IdP.Authentication.Sms;
using IdP.Data.Entities;

namespace IdP.Server.Portal;

/// <summary>
/// Tells the user that their phones changed, on channels other than the new number (ASVS 5 6.3.7): a text to
/// the old number (recorded as an <see cref="SmsMessage"/> of purpose <c>notice</c>, which does not count
/// against the code send limits) and an email notice through <see cref="INotificationSender"/>.
/// </summary>
public sealed class PhoneChangeNotifier(
    OtpService otp,
    SmsDeliveryRecords records,
    SmsOptions sms,
    INotificationSender notifications,
    TimeProvider time)
{
    /// <summary>Sends <paramref name="text"/> to <paramref name="e164"/> as a notice; never throws for channel problems.</summary>
    public async Task TextAsync(string userId, string e164, string text, string? remoteAddress, CancellationToken ct)
    {
        await records.SendRecordedAsync(new SmsMessage
        {
            CreatedAt = time.GetUtcNow(),
            Purpose = SmsPurposes.Notice,
            UserId = userId,
            RemoteAddress = remoteAddress,
            DestinationHash = await otp.HashDestinationAsync(e164, ct),
            DestinationMasked = PhoneNumberRules.Mask(e164),
        }, e164, text, ct);
    }

    /// <summary>The text for the old number when a new one was added: names the new one by its last digits only.</summary>
    public string PhoneAddedText(string newE164) =>
        $"A new phone number ending in {PhoneNumberRules.LastDigits(newE164)} was added to your sign-in account at {sms.OriginHost}. " +
        "If this wasn't you, contact your administrator at once.";

    public string PhoneRemovedText() =>
        $"This phone number was removed from your sign-in account at {sms.OriginHost}. If this wasn't you, contact your administrator at once.";

    public Task EmailAsync(IdPUser user, string subject, string text, CancellationToken ct) =>
        notifications.SendAsync(new AccountNotification(user.Id, user.Email, subject, text), ct);
}
