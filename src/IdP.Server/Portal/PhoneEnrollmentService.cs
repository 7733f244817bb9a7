using System.Security.Cryptography;
using IdP.Authentication.Audit;
using IdP.Authentication.BuiltIn;
using IdP.Authentication.Otp;
using IdP.Authentication.Phones;
using IdP.Authentication.Sms;
using IdP.Data.Entities;
using IdP.Server.Admin;
using Microsoft.Extensions.Options;

namespace IdP.Server.Portal;

/// <summary>
/// Adds a phone to an account the way NIST SP 800-63B §3.1.3.3 asks for a PSTN authenticator: the number is
/// checked (E.164, textable, not someone else's), a code goes to it with the same rules and send limits as a
/// sign-in code (<see cref="SmsCodeSender"/>), and only the right code makes it a verified number. Until then
/// the old numbers stay in force. The numbers the account had and its e-mail address are told of the change
/// (<see cref="AccountNotifier"/>). An administrator's first phone is refused here (<see cref="FirstAdminPhoneRule"/>).
/// </summary>
public sealed class PhoneEnrollmentService(
    SmsCodeSender codes,
    OtpService otp,
    UserPhoneStore phones,
    StepUpService stepUp,
    AccountNotifier notifier,
    FirstAdminPhoneRule adminRule,
    AuditLog audit,
    OtpLockout lockout,
    IOptions<AccountPortalOptions> options,
    TimeProvider time)
{
    /// <summary>Checks the number and sends the first code.</summary>
    public async Task<EnrollmentOutcome> StartAsync(string userId, string? input, string? region, string? nickname, string? remoteAddress, CancellationToken ct)
    {
        if (!PhoneNumberRules.TryNormalize(input, out var e164, out var error, string.IsNullOrEmpty(region) ? options.Value.DefaultRegion : region))
        {
            return EnrollmentOutcome.Fail(error!);
        }

        if (PhoneNumberRules.WhyNotTextable(e164) is { } why)
        {
            return EnrollmentOutcome.Fail(why);
        }

        if (await adminRule.AppliesAsync(userId, ct))
        {
            return EnrollmentOutcome.Fail(FirstAdminPhoneRule.SelfServiceRefusal);
        }

        var mine = await phones.ListAsync(userId, ct);
        if (mine.Any(p => p.Number == e164 && p.VerifiedAt is not null))
        {
            return EnrollmentOutcome.Fail("This number is already verified on your account.");
        }

        if (mine.Count(p => p.Number != e164) >= options.Value.MaxPhones)
        {
            return EnrollmentOutcome.Fail($"Your account already has {options.Value.MaxPhones} numbers, the most allowed. Remove one first.");
        }

        // The same words whether or not another account holds it: the page must not tell who owns a number (ASVS 5 6.3.8).
        if (!options.Value.AllowNumberVerifiedElsewhere && await phones.IsVerifiedElsewhereAsync(userId, e164, ct))
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.SendLimited)
            {
                UserId = userId, RemoteAddress = remoteAddress, Acr = SmppScript.AcrValue,
                Detail = $"enrollment of {PhoneNumberRules.Mask(e164)} refused: verified by another account",
            }, ct);
            return EnrollmentOutcome.Fail(NotAvailableMessage);
        }

        var id = "enroll-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var trimmed = string.IsNullOrWhiteSpace(nickname) ? null : nickname.Trim()[..Math.Min(64, nickname.Trim().Length)];
        var now = time.GetUtcNow();
        return await SendAsync(new PendingEnrollment(id, userId, e164, trimmed, now, now, null), remoteAddress, ct);
    }

    public const string NotAvailableMessage = "This number cannot be added to your account. Use another mobile number, or contact your administrator.";

    /// <summary>
    /// A new code for the same enrollment (the earlier one dies), after the script's resend cooldown. The cooldown is
    /// kept in the database per account (<see cref="SmsSendClaim.PerUserAfter"/>), so replaying an older enrollment
    /// cookie does not shorten it.
    /// </summary>
    public async Task<EnrollmentOutcome> ResendAsync(PendingEnrollment pending, string? remoteAddress, CancellationToken ct)
    {
        var result = await SendAsync(pending with { SentAt = time.GetUtcNow() }, remoteAddress, ct);
        return result.Succeeded ? result : result with { Pending = pending };
    }

    /// <summary>Checks the code; the right one makes the number a verified number of the account.</summary>
    public async Task<EnrollmentOutcome> ConfirmAsync(PendingEnrollment pending, string? code, string? remoteAddress, CancellationToken ct)
    {
        var masked = pending.Masked;
        var entry = new AuditEntry(AuditEventTypes.CodeWrong) { UserId = pending.UserId, RemoteAddress = remoteAddress, Acr = SmppScript.AcrValue };
        if (string.IsNullOrWhiteSpace(code))
        {
            return EnrollmentOutcome.Fail("Enter the code from the text message.", pending);
        }

        var check = await otp.VerifyAsync(pending.Id, pending.UserId, code, ct);
        if (check.LockedNow)
        {
            await lockout.RecordAsync(entry with { Detail = $"enrollment of {masked}" }, check.RetryAfter!.Value, ct);
        }

        var lockedHint = check.Locked && check.RetryAfter is { } lockedUntil ? " " + OtpLockout.Message(lockedUntil, time) : "";
        switch (check.Outcome)
        {
            case OtpVerification.Success:
                break;
            case OtpVerification.Wrong:
                await audit.WriteAsync(entry with { Detail = $"enrollment of {masked}: wrong code, {check.RemainingAttempts} attempt(s) left" }, ct);
                return EnrollmentOutcome.Fail($"That code is not right. {check.RemainingAttempts} attempt(s) left." + lockedHint, pending);
            case OtpVerification.WrongAndDead:
                await audit.WriteAsync(entry with { Detail = $"enrollment of {masked}: wrong code, no attempts left" }, ct);
                return EnrollmentOutcome.Fail("That code is not right, and it cannot be tried again. Ask for a new code." + lockedHint, pending);
            case OtpVerification.AccountBlocked:
                return EnrollmentOutcome.Fail(check.Locked
                    ? OtpLockout.Message(check.RetryAfter!.Value, time)
                    : $"Too many wrong codes for this account: wait until {check.RetryAfter!.Value.ToUniversalTime():HH:mm:ss} UTC.", pending, check.RetryAfter);
            default:
                await audit.WriteAsync(entry with { Type = AuditEventTypes.CodeExpired, Detail = $"enrollment of {masked}: no live code ({check.Outcome})" }, ct);
                return EnrollmentOutcome.Fail("This code expired or was replaced. Ask for a new code.", pending);
        }

        await audit.WriteAsync(entry with { Type = AuditEventTypes.CodeVerified, Detail = $"enrollment of {masked}" }, ct);

        // Checked again: another account may have verified the number while the code was on its way, or the
        // account may have become an administrator's.
        if (!options.Value.AllowNumberVerifiedElsewhere && await phones.IsVerifiedElsewhereAsync(pending.UserId, pending.Number, ct))
        {
            return EnrollmentOutcome.Fail(NotAvailableMessage);
        }

        if (await adminRule.AppliesAsync(pending.UserId, ct))
        {
            return EnrollmentOutcome.Fail(FirstAdminPhoneRule.SelfServiceRefusal);
        }

        var before = await phones.VerifiedNumbersAsync(pending.UserId, ct);
        await phones.AddVerifiedAsync(pending.UserId, pending.Number, pending.Nickname, ct);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.PhoneAdded)
        {
            UserId = pending.UserId, RemoteAddress = remoteAddress, Acr = SmppScript.AcrValue,
            Detail = $"verified {masked}" + (pending.Nickname is null ? "" : $" as \"{pending.Nickname}\"") + " (self-service)",
        }, ct);

        await notifier.PhonesChangedAsync(pending.UserId, before, await phones.VerifiedNumbersAsync(pending.UserId, ct), NoticeOrigin.Portal(remoteAddress));
        return new EnrollmentOutcome(true, null, null);
    }

    private async Task<EnrollmentOutcome> SendAsync(PendingEnrollment pending, string? remoteAddress, CancellationToken ct)
    {
        var settings = await stepUp.SmppSettingsAsync(ct);
        var sent = await codes.SendAsync(new SmsCodeRequest(pending.Id, pending.UserId, pending.Number, settings)
        {
            Purpose = SmsPurposes.Enrollment,
            RemoteAddress = remoteAddress,
            Acr = SmppScript.AcrValue,

            // One enrollment code per account per cooldown, whether by add or resend and whatever cookie is replayed.
            Claim = SmsSendClaim.PerUserAfter(settings.ResendCooldown),
        }, ct);
        return sent.Status switch
        {
            SmsCodeStatus.Sent => new EnrollmentOutcome(true, null, pending with { Reference = sent.Reference }),
            SmsCodeStatus.AlreadySent when sent.RetryAt is { } allowedAt =>
                EnrollmentOutcome.Fail($"A code was sent a moment ago. Wait until {allowedAt.ToUniversalTime():HH:mm:ss} UTC before asking for a new code.", null, allowedAt),
            _ => EnrollmentOutcome.Fail(sent.Message ?? "The code could not be sent.", null, sent.RetryAt),
        };
    }
}
