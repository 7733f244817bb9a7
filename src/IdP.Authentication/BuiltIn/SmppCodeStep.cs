using System.Globalization;
using IdP.Authentication.Otp;
using IdP.Authentication.Phones;
using IdP.Authentication.Scripts;
using IdP.Authentication.Sms;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.BuiltIn;

/// <summary>
/// The sending half of the <c>smpp</c> script's second step: whether to send (decided in the database, see
/// <see cref="SmsSendClaim"/>), and the code page, whose reference, expiry, destination and resend time are read
/// from the database too — so parallel requests of one browser, which each write the flow's data, can neither send
/// twice nor make the page show another code than the newest one.
/// </summary>
internal static class SmppCodeStep
{
    // Flow data keys (server side, per flow; never the code).
    public const string AttemptedKey = "sms.attempted";
    public const string AgainKey = "sms.again";
    public const string NoticeKey = "sms.notice";
    public const string ErrorKey = "sms.error";
    public const string RetryAtKey = "sms.retryAt";

    /// <summary>Asks for a new code on the next preparation of the step (resend, another number, an enrolled number), subject to the cooldown.</summary>
    public static void RequestNewCode(ScriptContext context)
    {
        ClearSend(context);
        context.FlowData[AgainKey] = "1";
    }

    /// <summary>Forgets the last send's outcome, so the next preparation tries once more (a first send per flow at most).</summary>
    public static void ClearSend(ScriptContext context)
    {
        foreach (var key in new[] { AttemptedKey, ErrorKey, RetryAtKey })
        {
            context.FlowData.Remove(key);
        }
    }

    /// <summary>
    /// Sends a code to <paramref name="number"/> unless one was already sent for this flow (first send) or within the
    /// cooldown (a requested new code); only the request that reserves the send in the database sends.
    /// </summary>
    public static async Task SendAsync(ScriptContext context, SmppScriptSettings settings, UserPhoneNumber number, CancellationToken ct)
    {
        var time = context.Services.GetRequiredService<TimeProvider>();
        var again = context.FlowData.Remove(AgainKey);
        var result = await context.Services.GetRequiredService<SmsCodeSender>().SendAsync(new SmsCodeRequest(context.FlowId, context.UserId!, number.Number, settings)
        {
            ClientId = context.ClientId,
            RemoteAddress = context.RemoteAddress,
            Acr = context.Acr,
            Claim = again ? SmsSendClaim.After(settings.ResendCooldown) : SmsSendClaim.Once,
        }, ct);

        context.FlowData[AttemptedKey] = "1";
        if (result.Status == SmsCodeStatus.AlreadySent)
        {
            if (again && result.RetryAt is { } retryAt)
            {
                var wait = Math.Max(1, (int)Math.Ceiling((retryAt - time.GetUtcNow()).TotalSeconds));
                context.FlowData[NoticeKey] = $"A code was just sent. You can ask for a new one in {wait} s.";
            }

            return;
        }

        context.FlowData.Remove(ErrorKey);
        context.FlowData.Remove(RetryAtKey);
        if (result.Status == SmsCodeStatus.Sent)
        {
            return;
        }

        context.FlowData[ErrorKey] = result.Message ?? "The code could not be sent.";
        if (result.RetryAt is { } at)
        {
            context.FlowData[RetryAtKey] = at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The code page (or the page saying why no code could be sent), from the flow's records in the database.</summary>
    public static async Task<StepPage> PageAsync(ScriptContext context, SmppScriptSettings settings, UserPhoneNumber number, bool canChange, CancellationToken ct)
    {
        var latest = await context.Services.GetRequiredService<SmsDeliveryRecords>().LatestForFlowAsync(context.FlowId, ct);
        var masked = latest?.DestinationMasked is { Length: > 0 } sentTo ? sentTo : number.Masked;
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = "Enter the code we texted you",
            ["masked"] = masked,
            ["codeLength"] = settings.CodeLength.ToString(CultureInfo.InvariantCulture),
        };
        if (canChange)
        {
            data["canChange"] = "true";
        }

        Copy(context, data, NoticeKey, "notice");
        if (latest is not null)
        {
            data["record"] = latest.Id.ToString(CultureInfo.InvariantCulture);
        }

        if (context.FlowData.TryGetValue(ErrorKey, out var error))
        {
            // Nothing to enter: say why, and offer a new attempt when it makes sense.
            data["title"] = "We could not send your code";
            data["error"] = error;
            Copy(context, data, RetryAtKey, "retryAt");
            return new StepPage(SmppScript.SendFailedPage, data);
        }

        data["message"] = $"We sent a code to {masked}. It is valid for {Math.Max(1, (int)Math.Round(settings.CodeLifetime.TotalMinutes))} minutes.";
        if (await context.Services.GetRequiredService<OtpService>().LatestCodeAsync(context.FlowId, ct) is { } latestCode)
        {
            data["reference"] = latestCode.Reference;
            data["expires"] = latestCode.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        if (latest is { SubmittedAt: not null } or { State: Data.Entities.SmsStates.Queued })
        {
            data["resendAt"] = (latest.CreatedAt + settings.ResendCooldown).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        return new StepPage(SmppScript.CodePage, data);
    }

    public static void Copy(ScriptContext context, Dictionary<string, string> data, string from, string to)
    {
        if (context.FlowData.TryGetValue(from, out var value))
        {
            data[to] = value;
        }
    }
}
