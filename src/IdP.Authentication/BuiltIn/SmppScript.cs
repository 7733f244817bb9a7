using System.Globalization;
using IdP.Authentication.Audit;
using IdP.Authentication.Otp;
using IdP.Authentication.Phones;
using IdP.Authentication.Scripts;
using IdP.Authentication.Sms;
using IdP.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.BuiltIn;

/// <summary>
/// The built-in <c>smpp</c> script: step 1 is the password, step 2 a one-time code sent by SMS (over the node's
/// SMPP session) to a verified number of the user. Unlike Gluu's reference script the code comes from a CSPRNG,
/// only its keyed hash is stored, it expires, it dies after <c>max_attempts</c> wrong entries, the account has a
/// consecutive-failure limit, sends are limited, a reload never sends another SMS, and neither code nor number
/// reaches a log.
/// </summary>
public sealed class SmppScript : IAuthenticationScript
{
    public const string AcrValue = "smpp";

    /// <summary>Step 2 page: enter the code (data: masked, reference, expires, resendAt, record, notice, error).</summary>
    public const string CodePage = "sms-code";

    /// <summary>Step 2 page when the user has several verified numbers (data: <c>option:ID</c> → masked label).</summary>
    public const string ChoosePage = "sms-choose";

    /// <summary>Step 2 page when no code could be sent and there is nothing to enter (data: error, retryAt).</summary>
    public const string SendFailedPage = "sms-send-failed";

    /// <summary>Step 2 page for a person without a verified number when <c>enrollment=signin</c>: enter a number.</summary>
    public const string EnrollPage = "sms-enroll";

    private const string EnrollmentId = "enroll";

    // Flow data keys (server side, per flow; never the code). The sending ones are in SmppCodeStep.
    private const string PhoneKey = "sms.phone";
    private const string EnrollKey = "sms.enroll";

    public string Acr => AcrValue;

    /// <summary>Above <c>pwd</c> (10): two factors.</summary>
    public int Level => 30;

    public string DisplayName => "Password and SMS code";

    public IReadOnlyList<ScriptPropertyDefinition> Properties => SmppScriptSettings.Definitions;

    /// <summary>Needs a verified number, unless the enrollment policy lets the person add one right here.</summary>
    public async ValueTask<bool> IsValidForUserAsync(ScriptContext context, CancellationToken cancellationToken) =>
        SmppScriptSettings.From(context.Configuration).EnrollAtSignIn || (await VerifiedNumbersAsync(context, cancellationToken)).Count > 0;

    public ValueTask<string?> GetUnavailableMessageAsync(ScriptContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(
            "Your account has no verified mobile number, so we cannot text you a sign-in code. " +
            "Add and verify your mobile number in your account at /account, or ask your administrator to add it.");

    public ValueTask<string?> GetAlternativeAcrAsync(ScriptContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(PasswordScript.AcrValue);

    public ValueTask<int> GetStepCountAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult(2);

    public async ValueTask<StepPage> PrepareStepAsync(ScriptContext context, int step, CancellationToken cancellationToken)
    {
        if (step == 1)
        {
            return StepPage.Of(PasswordScript.PageName);
        }

        var settings = SmppScriptSettings.From(context.Configuration);
        var numbers = await VerifiedNumbersAsync(context, cancellationToken);
        if (numbers.Count == 0)
        {
            if (!settings.EnrollAtSignIn)
            {
                // The number went away during the sign-in (e.g. an admin removed it).
                return new StepPage(SendFailedPage, new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["title"] = "No verified phone",
                    ["error"] = (await GetUnavailableMessageAsync(context, cancellationToken))!,
                });
            }

            if (!context.FlowData.TryGetValue(EnrollKey, out var pending))
            {
                var enroll = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["title"] = "Add your mobile number",
                    ["message"] = "Your account has no verified mobile number yet. Enter the number of a phone you have with you: we will text it a code to check it.",
                };
                SmppCodeStep.Copy(context, enroll, SmppCodeStep.ErrorKey, "error");
                return new StepPage(EnrollPage, enroll);
            }

            numbers = [new UserPhoneNumber(EnrollmentId, pending, false, null, null)];
        }

        var chosen = Chosen(context, numbers);
        if (chosen is null)
        {
            var options = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["title"] = "Where should we send your code?",
                ["message"] = "Your account has several verified numbers. Choose the phone you have with you.",
            };
            foreach (var number in numbers)
            {
                options["option:" + number.Id] = number.Nickname is { Length: > 0 } nickname ? $"{nickname} ({number.Masked})" : number.Masked;
            }

            return new StepPage(ChoosePage, options);
        }

        // Reloading the page never sends another SMS: only the first preparation of the flow (or an explicit request
        // for a new code, after the cooldown) does, and the database decides which of parallel requests that is.
        if (!context.FlowData.ContainsKey(SmppCodeStep.AttemptedKey))
        {
            await SmppCodeStep.SendAsync(context, settings, chosen, cancellationToken);
        }

        return await SmppCodeStep.PageAsync(context, settings, chosen, numbers.Count > 1 || chosen.Id == EnrollmentId, cancellationToken);
    }

    public async ValueTask<StepOutcome> AuthenticateAsync(ScriptContext context, int step, IReadOnlyDictionary<string, string> input, CancellationToken cancellationToken)
    {
        if (step == 1)
        {
            return await PasswordScript.AuthenticatePasswordAsync(context, input, cancellationToken);
        }

        if (context.UserId is null)
        {
            return StepOutcome.GoTo(1);
        }

        var settings = SmppScriptSettings.From(context.Configuration);
        var time = context.Services.GetRequiredService<TimeProvider>();
        context.FlowData.Remove(SmppCodeStep.NoticeKey);
        switch (input.GetValueOrDefault("action"))
        {
            case "choose":
                var numbers = await VerifiedNumbersAsync(context, cancellationToken);
                var picked = numbers.FirstOrDefault(n => n.Id == input.GetValueOrDefault("phone"));
                if (picked is null)
                {
                    return StepOutcome.Retry("Choose one of the numbers shown.");
                }

                SmppCodeStep.RequestNewCode(context);
                context.FlowData[PhoneKey] = picked.Id;
                return StepOutcome.GoTo(2);
            case "change":
                // Only forgets the number: the code to another one is sent by choose or enroll, after the cooldown.
                SmppCodeStep.ClearSend(context);
                context.FlowData.Remove(PhoneKey);
                context.FlowData.Remove(EnrollKey);
                return StepOutcome.GoTo(2);
            case "enroll":
                return await EnrollAsync(context, settings, input.GetValueOrDefault("phone_number"), cancellationToken);
            case "resend":
                // The server-side cooldown is checked where the send is reserved (SmsSendClaim), for every way to ask.
                SmppCodeStep.RequestNewCode(context);
                return StepOutcome.GoTo(2);
        }

        var code = input.GetValueOrDefault("code") ?? "";
        if (OtpService.Normalize(code).Length == 0)
        {
            return StepOutcome.Retry("Enter the code from the text message.");
        }

        var otp = context.Services.GetRequiredService<OtpService>();
        var audit = context.Services.GetRequiredService<AuditLog>();
        var result = await otp.VerifyAsync(context.FlowId, context.UserId, code, cancellationToken);
        var entry = new AuditEntry(AuditEventTypes.CodeWrong)
        {
            UserId = context.UserId, ClientId = context.ClientId, RemoteAddress = context.RemoteAddress, Acr = context.Acr,
            Detail = result.Reference is { } reference ? $"code ref {reference}" : null,
        };
        if (result.LockedNow)
        {
            await context.Services.GetRequiredService<OtpLockout>().RecordAsync(entry with { Detail = $"sign-in, {entry.Detail}" }, result.RetryAfter!.Value, cancellationToken);
        }

        switch (result.Outcome)
        {
            case OtpVerification.Success:
                await audit.WriteAsync(entry with { Type = AuditEventTypes.CodeVerified }, cancellationToken);
                if (context.FlowData.TryGetValue(EnrollKey, out var enrolled)
                    && (await VerifiedNumbersAsync(context, cancellationToken)).Count == 0)
                {
                    // The code must have gone to the number being bound, not to one entered before it (whose code
                    // stays live when the new number's send was refused by the cooldown).
                    var sentTo = await context.Services.GetRequiredService<SmsDeliveryRecords>().DestinationOfAsync(context.FlowId, result.Reference, cancellationToken);
                    if (sentTo is null || sentTo != await otp.HashDestinationAsync(enrolled, cancellationToken))
                    {
                        return StepOutcome.Retry("That code was sent to another number than the one you entered last. Ask for a new code.");
                    }

                    // Enrollment at sign-in: the number is proven now and becomes the person's verified number.
                    // It was not bound before this sign-in, so the code proves possession but is no second
                    // factor yet: the sign-in reports the alternative (pwd), amr without mfa.
                    await context.Services.GetRequiredService<UserPhoneStore>().AddVerifiedAsync(context.UserId, enrolled, null, cancellationToken);
                    await audit.WriteAsync(entry with { Type = AuditEventTypes.PhoneAdded, Detail = $"{PhoneNumberRules.Mask(enrolled)} enrolled during sign-in" }, cancellationToken);
                    if (context.Services.GetService<ISmsFactorHooks>() is { } enrollHooks)
                    {
                        await enrollHooks.PhoneEnrolledAsync(context.UserId, enrolled, context.RemoteAddress, cancellationToken);
                    }

                    return StepOutcome.FactorBound(context.UserId, ["sms"]);
                }

                return StepOutcome.Success(context.UserId, ["sms", "mfa"]);
            case OtpVerification.Wrong:
                await audit.WriteAsync(entry with { Detail = $"{entry.Detail}; {result.RemainingAttempts} attempt(s) left" }, cancellationToken);
                return StepOutcome.Retry((result.RemainingAttempts == 1
                    ? "That code is not right. You have 1 more try with this code."
                    : $"That code is not right. You have {result.RemainingAttempts} more tries with this code.") + WaitHint(result, time));
            case OtpVerification.WrongAndDead:
                await audit.WriteAsync(entry with { Detail = $"{entry.Detail}; no attempts left, code dead" }, cancellationToken);
                return StepOutcome.Retry("That code is not right, and it was the last try for this code. Ask for a new code." + WaitHint(result, time));
            case OtpVerification.Expired:
                await audit.WriteAsync(entry with { Type = AuditEventTypes.CodeExpired }, cancellationToken);
                return StepOutcome.Retry("This code has expired. Ask for a new code.");
            case OtpVerification.NoCode:
                return StepOutcome.Retry("There is no active code for this sign-in. Ask for a new code." + WaitHint(result, time));
            default:
                // Blocked (not counted): the person is told when codes are accepted again.
                return StepOutcome.Retry(result.Locked
                    ? OtpLockout.Message(result.RetryAfter!.Value, time)
                    : $"Too many wrong codes. Wait until {result.RetryAfter!.Value.ToUniversalTime():HH:mm:ss} UTC before trying again.");
        }
    }

    public ValueTask LogoutAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private static async ValueTask<StepOutcome> EnrollAsync(ScriptContext context, SmppScriptSettings settings, string? input, CancellationToken ct)
    {
        if (!settings.EnrollAtSignIn || (await VerifiedNumbersAsync(context, ct)).Count > 0)
        {
            return StepOutcome.GoTo(2);
        }

        if (context.Services.GetService<ISmsFactorHooks>() is { } hooks && await hooks.WhyNotSelfEnrollAsync(context.UserId!, ct) is { } refusal)
        {
            return StepOutcome.Retry(refusal);
        }

        if (!PhoneNumberRules.TryNormalize(input, out var e164, out var error))
        {
            return StepOutcome.Retry(error!);
        }

        if (PhoneNumberRules.WhyNotTextable(e164) is { } why)
        {
            return StepOutcome.Retry(why);
        }

        if (await context.Services.GetRequiredService<UserPhoneStore>().IsVerifiedElsewhereAsync(context.UserId!, e164, ct))
        {
            return StepOutcome.Retry("This number is already verified for another account. Use a different number, or contact your administrator.");
        }

        SmppCodeStep.RequestNewCode(context);
        context.FlowData[EnrollKey] = e164;
        return StepOutcome.GoTo(2);
    }

    private static string WaitHint(OtpCheckResult result, TimeProvider time) =>
        result.RetryAfter is { } until && until > time.GetUtcNow()
            ? result.Locked ? " " + OtpLockout.Message(until, time) : $" Too many wrong codes for this account: wait until {until.ToUniversalTime():HH:mm:ss} UTC before the next try."
            : "";

    private static async Task<IReadOnlyList<UserPhoneNumber>> VerifiedNumbersAsync(ScriptContext context, CancellationToken ct)
    {
        if (context.UserId is null)
        {
            return [];
        }

        var settings = SmppScriptSettings.From(context.Configuration);
        var reader = context.Services.GetRequiredService<IUserPhoneReader>();
        var numbers = await reader.GetNumbersAsync(context.UserId, settings.Attribute, ct);

        // Gluu semantics: a number that is not verified never receives a code.
        return [.. numbers.Where(n => n.Verified)];
    }

    private static UserPhoneNumber? Chosen(ScriptContext context, IReadOnlyList<UserPhoneNumber> numbers)
    {
        if (context.FlowData.TryGetValue(PhoneKey, out var id) && numbers.FirstOrDefault(n => n.Id == id) is { } chosen)
        {
            return chosen;
        }

        return numbers.Count == 1 ? numbers[0] : null;
    }
}
