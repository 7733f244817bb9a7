using System.Globalization;
using IdP.Authentication.Phones;
using IdP.Server.Admin;

namespace IdP.Server.Portal;

/// <summary>What a notice is about.</summary>
public enum NoticeKind
{
    /// <summary>A number was bound; any number the account already had is told.</summary>
    PhoneAdded,

    /// <summary>Numbers were replaced in one step: the previous ones are told.</summary>
    PhoneChanged,

    /// <summary>A number was unbound: it is told itself.</summary>
    PhoneRemoved,

    /// <summary>The per-account limit of wrong codes locked the SMS factor.</summary>
    FactorLocked,
}

/// <summary>Who made a change, in words for the notice, and the address and actor for the audit log.</summary>
public sealed record NoticeOrigin(string Words, string? RemoteAddress, string? ActorId = null)
{
    public static NoticeOrigin Portal(string? remoteAddress) => new("in the account portal", remoteAddress);

    public static NoticeOrigin SignIn(string? remoteAddress) => new("while signing in", remoteAddress);

    public static NoticeOrigin Admin(AdminActor actor) =>
        actor.ClientId is null && actor.UserId is null
            ? new("by an administrator on the server's command line", null, actor.Id)
            : new("by an administrator", actor.RemoteAddress, actor.Id);
}

/// <summary>One notice in its two forms: an e-mail (subject, body) and a short text for a phone (GSM-7, masked).</summary>
public sealed record NoticeText(NoticeKind Kind, string Subject, string Email, string Sms);

/// <summary>
/// The words of the notices: what happened, when, what to do if it wasn't you. Numbers appear masked (e-mail) or as
/// their last two digits (text); never a code, never a full number.
/// </summary>
public static class NoticeTexts
{
    // Texts stay within one SMS (160 GSM characters) for a host of up to about 16 characters.
    private const string NotYouSms = "If this wasn't you, contact your administrator at once.";

    public static NoticeText PhoneChange(NoticeKind kind, string host, DateTimeOffset when, NoticeOrigin origin, string? added, string? removed)
    {
        var at = When(when);
        var by = origin.Words + (origin.RemoteAddress is { Length: > 0 } address ? $" (from {address})" : "");
        return kind switch
        {
            NoticeKind.PhoneAdded => new(kind,
                "A phone number was added to your account",
                Body($"On {at} the phone number {Mask(added)} was added to your account at {host} {by}. Sign-in codes can be texted to it from now on."),
                $"{host}: a phone number ending in {Last(added)} was added to your account on {at}. {NotYouSms}"),
            NoticeKind.PhoneChanged => new(kind,
                "The phone number of your account was changed",
                Body($"On {at} the phone number of your account at {host} was changed {by}: sign-in codes now go to {Mask(added)}; {Mask(removed)} no longer receives them."),
                $"{host}: sign-in codes for your account go to a number ending in {Last(added)} since {at}. {NotYouSms}"),
            _ => new(NoticeKind.PhoneRemoved,
                "A phone number was removed from your account",
                Body($"On {at} the phone number {Mask(removed)} was removed from your account at {host} {by}. It no longer receives sign-in codes."),
                $"{host}: this phone number was removed from your account on {at}. {NotYouSms}"),
        };
    }

    public static NoticeText FactorLocked(string host, DateTimeOffset when, int failures) => new(NoticeKind.FactorLocked,
        "Text-message sign-in to your account is locked",
        $"On {When(when)} your account at {host} reached its limit of {failures} wrong sign-in codes in a row, so signing in with a " +
        "text-message code is locked. An administrator can unlock it (admin console, People, Reset failure counters).\n\n" +
        "If this was you, ask your administrator to unlock it.\n" +
        "If it wasn't you, someone knows your password and tried to sign in as you: contact your administrator at once. " +
        "Never tell anyone a code that is texted to you.\n\n" + Footer,
        $"{host}: too many wrong codes: SMS sign-in to your account locked since {When(when)}. {NotYouSms}");

    private const string Footer = "This notice was sent automatically; phone numbers are shown masked on purpose.";

    private static string Body(string what) =>
        what + "\n\nIf this was you, there is nothing to do.\n" +
        "If it wasn't you, someone may know your password: contact your administrator at once. " +
        "Never tell anyone a code that is texted to you.\n\n" + Footer;

    private static string When(DateTimeOffset when) => when.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Mask(string? e164) => e164 is null ? "(none)" : PhoneNumberRules.Mask(e164);

    private static string Last(string? e164) => e164 is null ? "??" : PhoneNumberRules.LastDigits(e164);
}
