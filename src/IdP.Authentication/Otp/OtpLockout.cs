using IdP.Authentication.Audit;
using IdP.Authentication.Sms;
using IdP.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.Otp;

/// <summary>
/// The one place that handles "this account's SMS factor was just locked" (<see cref="OtpAccountOptions.FailureLimit"/>
/// wrong codes), for sign-in and phone enrollment alike: it runs exactly once per lock
/// (<see cref="OtpCheckResult.LockedNow"/>) and writes the <see cref="AuditEventTypes.AccountLocked"/> event saying
/// until when, and asks the host (<see cref="ISmsFactorHooks"/>, when one is registered) to tell the person on every
/// channel it has (e-mail, a text to their numbers).
/// </summary>
public sealed class OtpLockout(AuditLog audit, IServiceProvider services)
{
    /// <param name="context">Who and where (user, client, address, acr); its detail is appended.</param>
    /// <param name="until">When the factor unlocks on its own.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task RecordAsync(AuditEntry context, DateTimeOffset until, CancellationToken ct)
    {
        await audit.WriteAsync(context with
        {
            Type = AuditEventTypes.AccountLocked,
            Detail = $"SMS factor locked after too many wrong codes, until {until:O}" + (context.Detail is null ? "" : $" ({context.Detail})"),
        }, ct);
        if (context.UserId is not null && services.GetService<ISmsFactorHooks>() is { } hooks)
        {
            await hooks.FactorLockedAsync(context.UserId, context.RemoteAddress, ct);
        }
    }

    /// <summary>What the person reads while the factor is locked: why, and when it unlocks.</summary>
    public static string Message(DateTimeOffset until, TimeProvider time)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes));
        return $"Too many wrong codes were entered for this account, so codes by text message are locked until {until.ToUniversalTime():HH:mm} UTC " +
            $"(in about {minutes} minute{(minutes == 1 ? "" : "s")}). Try again then, or ask your administrator to unlock it sooner.";
    }
}
