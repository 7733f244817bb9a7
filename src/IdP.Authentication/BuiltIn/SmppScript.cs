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

    // Flow data keys (server side, per flow; never the code).
    private const string PhoneKey = "sms.phone";
    private const string AttemptedKey = "sms.attempted";
    private const string SentAtKey = "sms.sentAt";
    private const string ReferenceKey = "sms.ref";
    private const string ExpiresKey = "sms.expires";
    private const string RecordKey = "sms.record";
    private const string NoticeKey = "sms.notice";
    private const string ErrorKey = "sms.error";
    private const string RetryAtKey = "sms.retryAt";
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
                Copy(context, enroll, ErrorKey, "error");
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

        // Reloading the page never sends another SMS: only the first preparation (or an explicit resend) does.
        if (!context.FlowData.ContainsKey(AttemptedKey))
        {
            await SendCodeAsync(context, settings, chosen, cancellationToken);
        }

        return CodePageFor(context, settings, chosen, numbers.Count);
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
        context.FlowData.Remove(NoticeKey);
        switch (input.GetValueOrDefault("action"))
        {
            case "choose":
                var numbers = await VerifiedNumbersAsync(context, cancellationToken);
                var picked = numbers.FirstOrDefault(n => n.Id == input.GetValueOrDefault("phone"));
                if (picked is null)
                {
                    return StepOutcome.Retry("Choose one of the numbers shown.");
                }

                ClearSend(context);
                context.FlowData[PhoneKey] = picked.Id;
                return StepOutcome.GoTo(2);
            case "change":
                ClearSend(context);
                context.FlowData.Remove(PhoneKey);
                context.FlowData.Remove(EnrollKey);
                context.FlowData.Remove(ErrorKey);
                return StepOutcome.GoTo(2);
            case "enroll":
                return await EnrollAsync(context, settings, input.GetValueOrDefault("phone_number"), cancellationToken);
            case "resend":
                if (ReadTime(context, SentAtKey) is { } sentAt && sentAt + settings.ResendCooldown > time.GetUtcNow())
                {
                    var wait = (int)Math.Ceiling((sentAt + settings.ResendCooldown - time.GetUtcNow()).TotalSeconds);
                    context.FlowData[NoticeKey] = $"A code was just sent. You can ask for a new one in {wait} s.";
                    return StepOutcome.GoTo(2);
                }

                ClearSend(context);
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
            Detail = context.FlowData.TryGetValue(ReferenceKey, out var reference) ? $"code ref {reference}" : null,
        };
        if (result.Outcome is OtpVerification.Wrong or OtpVerification.WrongAndDead or OtpVerification.AccountBlocked
            && context.Services.GetService<ISmsFactorHooks>() is { } lockHooks)
        {
            // The host tells the person (e-mail and their phones) once, when this reached the account's failure limit.
            await lockHooks.CodeRefusedAsync(context.UserId, context.RemoteAddress, cancellationToken);
        }

        switch (result.Outcome)
        {
            case OtpVerification.Success:
                await audit.WriteAsync(entry with { Type = AuditEventTypes.CodeVerified }, cancellationToken);
                if (context.FlowData.TryGetValue(EnrollKey, out var enrolled)
                    && (await VerifiedNumbersAsync(context, cancellationToken)).Count == 0)
                {
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
                    : $"That code is not right. You have {result.RemainingAttempts} more tries with this code.") + WaitHint(result.RetryAfter, time));
            case OtpVerification.WrongAndDead:
                await audit.WriteAsync(entry with { Detail = $"{entry.Detail}; no attempts left, code dead" }, cancellationToken);
                return StepOutcome.Retry("That code is not right, and it was the last try for this code. Ask for a new code." + WaitHint(result.RetryAfter, time));
            case OtpVerification.Expired:
                await audit.WriteAsync(entry with { Type = AuditEventTypes.CodeExpired }, cancellationToken);
                return StepOutcome.Retry("This code has expired. Ask for a new code.");
            case OtpVerification.NoCode:
                return StepOutcome.Retry("There is no active code for this sign-in. Ask for a new code.");
            default:
                await audit.WriteAsync(entry with { Type = AuditEventTypes.AccountLocked, Detail = result.RetryAfter is { } until ? $"blocked until {until:O}" : "failure limit reached" }, cancellationToken);
                return result.RetryAfter is { } retryAfter
                    ? StepOutcome.Retry($"Too many wrong codes. Wait until {retryAfter.ToUniversalTime():HH:mm:ss} UTC before trying again.")
                    : StepOutcome.Fail("Too many wrong codes were entered for this account. Contact your administrator to unlock it.");
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

        ClearSend(context);
        context.FlowData[EnrollKey] = e164;
        return StepOutcome.GoTo(2);
    }

    private static string WaitHint(DateTimeOffset? retryAfter, TimeProvider time) =>
        retryAfter is { } until && until > time.GetUtcNow()
            ? $" Too many wrong codes for this account: wait until {until.ToUniversalTime():HH:mm:ss} UTC before the next try."
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

    private static async Task SendCodeAsync(ScriptContext context, SmppScriptSettings settings, UserPhoneNumber number, CancellationToken ct)
    {
        var time = context.Services.GetRequiredService<TimeProvider>();
        var sender = context.Services.GetRequiredService<SmsCodeSender>();
        var result = await sender.SendAsync(new SmsCodeRequest(context.FlowId, context.UserId!, number.Number, settings)
        {
            ClientId = context.ClientId,
            RemoteAddress = context.RemoteAddress,
            Acr = context.Acr,
        }, ct);

        context.FlowData[AttemptedKey] = "1";
        context.FlowData.Remove(ErrorKey);
        context.FlowData.Remove(RetryAtKey);
        if (result.RecordId is { } record)
        {
            context.FlowData[RecordKey] = record.ToString(CultureInfo.InvariantCulture);
        }

        if (result.Status == SmsCodeStatus.Sent)
        {
            context.FlowData[SentAtKey] = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            context.FlowData[ReferenceKey] = result.Reference!;
            context.FlowData[ExpiresKey] = result.ExpiresAt!.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            return;
        }

        context.FlowData.Remove(ReferenceKey);
        context.FlowData.Remove(ExpiresKey);
        context.FlowData[ErrorKey] = result.Message ?? "The code could not be sent.";
        if (result.RetryAt is { } retryAt)
        {
            context.FlowData[RetryAtKey] = retryAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }
    }

    private static StepPage CodePageFor(ScriptContext context, SmppScriptSettings settings, UserPhoneNumber number, int numberCount)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = "Enter the code we texted you",
            ["masked"] = number.Masked,
            ["codeLength"] = settings.CodeLength.ToString(CultureInfo.InvariantCulture),
        };
        if (numberCount > 1 || number.Id == EnrollmentId)
        {
            data["canChange"] = "true";
        }

        Copy(context, data, NoticeKey, "notice");
        Copy(context, data, RecordKey, "record");
        if (context.FlowData.TryGetValue(ErrorKey, out var error))
        {
            // Nothing to enter: say why, and offer a new attempt when it makes sense.
            data["title"] = "We could not send your code";
            data["error"] = error;
            Copy(context, data, RetryAtKey, "retryAt");
            return new StepPage(SendFailedPage, data);
        }

        data["message"] = $"We sent a code to {number.Masked}. It is valid for {Math.Max(1, (int)Math.Round(settings.CodeLifetime.TotalMinutes))} minutes.";
        Copy(context, data, ReferenceKey, "reference");
        Copy(context, data, ExpiresKey, "expires");
        if (ReadTime(context, SentAtKey) is { } sentAt)
        {
            data["resendAt"] = (sentAt + settings.ResendCooldown).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        return new StepPage(CodePage, data);
    }

    private static void ClearSend(ScriptContext context)
    {
        foreach (var key in new[] { AttemptedKey, ErrorKey, RetryAtKey, RecordKey })
        {
            context.FlowData.Remove(key);
        }
    }

    private static void Copy(ScriptContext context, Dictionary<string, string> data, string from, string to)
    {
        if (context.FlowData.TryGetValue(from, out var value))
        {
            data[to] = value;
        }
    }

    private static DateTimeOffset? ReadTime(ScriptContext context, string key) =>
        context.FlowData.TryGetValue(key, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
