using System.Security.Cryptography;
using System.Text.Json;
using IdP.Authentication.Audit;
using IdP.Authentication.Scripts;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace IdP.Authentication.Engine;

/// <summary>
/// Runs a sign-in flow through its script, step by step, with all state in the database
/// (<see cref="LoginFlow"/>). Knows nothing of HTTP or of any particular method.
/// </summary>
public sealed partial class SignInFlowService(
    IdPDbContext db,
    ScriptRegistry registry,
    AcrSettingsStore settings,
    IServiceProvider services,
    AuthenticationEngineOptions options,
    TimeProvider time,
    AuditLog audit,
    ILogger<SignInFlowService> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Starts a flow for the chosen acr.</summary>
    public async Task<LoginFlow> StartAsync(AcrResolution resolution, string? clientId, string returnUrl, CancellationToken ct)
    {
        var primary = resolution.Primary;
        var now = time.GetUtcNow();
        var flow = new LoginFlow
        {
            Id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            ReportedAcr = primary.ReportedAcr,
            ScriptAcr = primary.Script,
            Level = primary.Level,
            Candidates = JsonSerializer.Serialize(resolution.Candidates, Json),
            IsEssential = resolution.IsEssential,
            AcceptableAcrs = resolution.Acceptable is null ? null : string.Join(' ', resolution.Acceptable),
            ClientId = clientId,
            ReturnUrl = returnUrl,
            StartedAt = now,
            ExpiresAt = now + options.FlowLifetime,
        };
        db.LoginFlows.Add(flow);

        // Housekeeping: flows past their lifetime are useless; drop a few on each start.
        var stale = await db.LoginFlows.Where(f => f.ExpiresAt < now - TimeSpan.FromHours(1)).OrderBy(f => f.ExpiresAt).Take(50).ToListAsync(ct);
        db.LoginFlows.RemoveRange(stale);
        await db.SaveChangesAsync(ct);
        LogStarted(logger, flow.Id[..6], flow.ScriptAcr, clientId ?? "-");
        return flow;
    }

    /// <summary>A flow that can still take input: not expired, not completed.</summary>
    public async Task<LoginFlow?> FindActiveAsync(string? id, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var flow = await db.LoginFlows.FirstOrDefaultAsync(f => f.Id == id, ct);
        return flow is null || flow.CompletedAt is not null || flow.ExpiresAt <= time.GetUtcNow() ? null : flow;
    }

    /// <summary>The candidates the flow was started with (in order; the first is what the request or the chooser asked for).</summary>
    public static IReadOnlyList<AcrChoice> CandidatesOf(LoginFlow flow) =>
        JsonSerializer.Deserialize<List<AcrChoice>>(flow.Candidates ?? "[]", Json) ?? [];

    /// <summary>Finds a flow whatever its state (the authorization endpoint reads failures from it).</summary>
    public Task<LoginFlow?> FindAsync(string id, CancellationToken ct) => db.LoginFlows.FirstOrDefaultAsync(f => f.Id == id, ct);

    public async Task<FlowResult> PrepareAsync(LoginFlow flow, FlowRequestInfo info, CancellationToken ct)
    {
        var (script, context) = await ContextAsync(flow, info, ct);
        var page = await script.PrepareStepAsync(context, flow.Step, ct);
        await SaveDataAsync(flow, context, ct);
        return new FlowResult { Kind = FlowResultKind.ShowStep, Page = page };
    }

    public async Task<FlowResult> SubmitAsync(LoginFlow flow, IReadOnlyDictionary<string, string> input, FlowRequestInfo info, CancellationToken ct)
    {
        var (script, context) = await ContextAsync(flow, info, ct);
        var outcome = await script.AuthenticateAsync(context, flow.Step, input, ct);
        switch (outcome.Kind)
        {
            case StepOutcomeKind.Retry:
                flow.FailedAttempts++;
                await audit.WriteAsync(Audit(flow, info, AuditEventTypes.SignInFailed, $"step {flow.Step} of {flow.ScriptAcr} not accepted"), ct);
                return await ShowAsync(flow, script, context, outcome.Reason, ct);
            case StepOutcomeKind.GoTo:
                flow.Step = outcome.NextStep;
                return await ShowAsync(flow, script, context, null, ct);
            case StepOutcomeKind.Fail:
                return await FailAsync(flow, "access_denied", outcome.Reason ?? "The sign-in failed.", ct);
        }

        if (outcome.UserId is not null)
        {
            if (flow.UserId is not null && flow.UserId != outcome.UserId)
            {
                return await FailAsync(flow, "access_denied", "A different user was identified in the middle of the sign-in.", ct);
            }

            var firstIdentification = flow.UserId is null;
            flow.UserId = context.UserId = outcome.UserId;
            if (firstIdentification && !await script.IsValidForUserAsync(context, ct))
            {
                return await SwitchOrFailAsync(flow, script, context, info, ct);
            }
        }

        flow.Amr = string.Join(' ', flow.Amr.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(outcome.Amr).Distinct(StringComparer.Ordinal));
        if (outcome.BindsNewFactor && await ReportAlternativeAsync(flow, script, context, ct) is { } bindingFailed)
        {
            return bindingFailed;
        }

        var steps = await script.GetStepCountAsync(context, ct);
        if (flow.Step < steps)
        {
            flow.Step++;
            return await ShowAsync(flow, script, context, null, ct);
        }

        if (flow.UserId is null)
        {
            return await FailAsync(flow, "server_error", $"The script '{script.Acr}' finished without identifying the user.", ct);
        }

        // Single use: a completed flow never accepts input again.
        flow.CompletedAt = time.GetUtcNow();
        await SaveDataAsync(flow, context, ct);
        LogCompleted(logger, flow.Id[..6], flow.ScriptAcr, flow.Amr);
        await audit.WriteAsync(Audit(flow, info, AuditEventTypes.SignInSucceeded, $"acr {flow.ReportedAcr}, amr {flow.Amr}"), ct);
        return new FlowResult
        {
            Kind = FlowResultKind.Completed,
            Authentication = new AuthenticationResult(
                flow.UserId, flow.ReportedAcr, flow.ScriptAcr, flow.Level,
                flow.Amr.Split(' ', StringSplitOptions.RemoveEmptyEntries), outcome.Claims),
        };
    }

    /// <summary>
    /// The script cannot run for this user (e.g. no verified phone): another candidate of the
    /// request, else (voluntary requests only) the script's alternative; an essential request
    /// never falls back to a method it did not name.
    /// </summary>
    private async Task<FlowResult> SwitchOrFailAsync(LoginFlow flow, IAuthenticationScript script, ScriptContext context, FlowRequestInfo info, CancellationToken ct)
    {
        var snapshot = await settings.GetSnapshotAsync(ct);
        var notice = await script.GetUnavailableMessageAsync(context, ct);
        var options = CandidatesOf(flow).Where(c => c.Script != script.Acr).ToList();
        if (!flow.IsEssential && await script.GetAlternativeAcrAsync(context, ct) is { } alternative && snapshot.Catalog.Find(alternative) is { } entry)
        {
            options.Add(new AcrChoice(entry.Acr, entry.Acr, entry.Level));
        }

        var acceptable = flow.AcceptableAcrs?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var option in options.Where(o => acceptable is null || acceptable.Contains(o.Script, StringComparer.Ordinal)))
        {
            var candidate = registry.Find(option.Script)?.Script;
            if (candidate is null || !snapshot.EnabledAcrs.Contains(option.Script))
            {
                continue;
            }

            var (_, candidateContext) = await ContextAsync(flow, info, ct, candidate);
            candidateContext.UserId = flow.UserId;
            if (await candidate.IsValidForUserAsync(candidateContext, ct))
            {
                LogSwitched(logger, flow.Id[..6], script.Acr, candidate.Acr);

                // The alternative starts from its first step: its factors are proven afresh.
                flow.ScriptAcr = candidate.Acr;
                flow.ReportedAcr = option.ReportedAcr;
                flow.Level = option.Level;
                flow.Step = 1;
                flow.UserId = null;
                flow.Amr = "";
                flow.DataJson = "{}";
                var (_, fresh) = await ContextAsync(flow, info, ct, candidate);
                return await ShowAsync(flow, candidate, fresh, null, ct) with { Notice = notice };
            }
        }

        var failed = flow.IsEssential
            ? await FailAsync(flow, AcrResolver.UnmetAuthenticationRequirements, $"The requested authentication ({flow.ReportedAcr}) is not available for this user.", ct)
            : await FailAsync(flow, AcrResolver.AccessDenied, $"The authentication method '{script.Acr}' is not available for this user and there is no alternative.", ct);
        return failed with { Notice = notice ?? "The sign-in method this application asked for is not available for your account." };
    }

    /// <summary>
    /// A step bound a new factor: the sign-in completes as the script's alternative (e.g. <c>pwd</c>), never at the
    /// script's own level, and without <c>mfa</c>. Null when that worked; a failure when the script names no enabled
    /// alternative.
    /// </summary>
    private async Task<FlowResult?> ReportAlternativeAsync(LoginFlow flow, IAuthenticationScript script, ScriptContext context, CancellationToken ct)
    {
        var snapshot = await settings.GetSnapshotAsync(ct);
        flow.Amr = string.Join(' ', flow.Amr.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => a != "mfa"));
        if (await script.GetAlternativeAcrAsync(context, ct) is { } alternative && snapshot.Catalog.Find(alternative) is { } entry
            && entry.Level < flow.Level)
        {
            LogFactorBound(logger, flow.Id[..6], script.Acr, entry.Acr);
            flow.ReportedAcr = entry.Acr;
            flow.Level = entry.Level;
            flow.ScriptAcr = entry.Acr;
            return null;
        }

        return await FailAsync(flow, AcrResolver.AccessDenied, $"A new factor was bound during this sign-in, and '{script.Acr}' names no weaker method to report instead. Sign in again.", ct);
    }

    /// <summary>Gluu's <c>logout</c>: lets the script that authenticated a session clean up when it ends.</summary>
    public async Task LogoutAsync(string scriptAcr, string userId, FlowRequestInfo info, CancellationToken ct)
    {
        if (registry.Find(scriptAcr)?.Script is not { } script)
        {
            return;
        }

        var context = new ScriptContext
        {
            FlowId = "",
            Acr = script.Acr,
            Configuration = await settings.GetConfigurationAsync(script, ct),
            Services = services,
            UserId = userId,
            RemoteAddress = info.RemoteAddress,
        };
        await script.LogoutAsync(context, ct);
    }

    private async Task<FlowResult> ShowAsync(LoginFlow flow, IAuthenticationScript script, ScriptContext context, string? message, CancellationToken ct)
    {
        var page = await script.PrepareStepAsync(context, flow.Step, ct);
        await SaveDataAsync(flow, context, ct);
        return new FlowResult { Kind = FlowResultKind.ShowStep, Page = page, Message = message };
    }

    private async Task<FlowResult> FailAsync(LoginFlow flow, string error, string description, CancellationToken ct)
    {
        flow.CompletedAt = time.GetUtcNow();
        flow.Error = error;
        flow.ErrorDescription = description;
        await db.SaveChangesAsync(ct);
        LogFailed(logger, flow.Id[..6], flow.ScriptAcr, error);
        await audit.WriteAsync(Audit(flow, null, AuditEventTypes.SignInFailed, $"{error}: {description}"), ct);
        return new FlowResult { Kind = FlowResultKind.Failed, Error = error, ErrorDescription = description };
    }

    private static AuditEntry Audit(LoginFlow flow, FlowRequestInfo? info, string type, string detail) => new(type)
    {
        UserId = flow.UserId,
        ClientId = flow.ClientId,
        RemoteAddress = info?.RemoteAddress,
        Acr = flow.ReportedAcr,
        Detail = detail,
    };

    private async Task<(IAuthenticationScript Script, ScriptContext Context)> ContextAsync(LoginFlow flow, FlowRequestInfo info, CancellationToken ct, IAuthenticationScript? script = null)
    {
        script ??= registry.Find(flow.ScriptAcr)?.Script
            ?? throw new InvalidOperationException($"The flow needs the authentication script '{flow.ScriptAcr}', which is no longer registered.");
        var context = new ScriptContext
        {
            FlowId = flow.Id,
            Acr = flow.ReportedAcr,
            Configuration = await settings.GetConfigurationAsync(script, ct),
            Services = services,
            UserId = flow.UserId,
            ClientId = flow.ClientId,
            LoginHint = info.LoginHint,
            RemoteAddress = info.RemoteAddress,
            RequestHost = info.Host,
            AmrSoFar = flow.Amr.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            FlowData = JsonSerializer.Deserialize<Dictionary<string, string>>(flow.DataJson) ?? new Dictionary<string, string>(),
        };
        return (script, context);
    }

    private async Task SaveDataAsync(LoginFlow flow, ScriptContext context, CancellationToken ct)
    {
        flow.DataJson = JsonSerializer.Serialize(context.FlowData);
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Sign-in flow {Flow}… started with acr {Acr} for client {ClientId}.")]
    private static partial void LogStarted(ILogger logger, string flow, string acr, string clientId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Sign-in flow {Flow}… completed with acr {Acr} (amr {Amr}).")]
    private static partial void LogCompleted(ILogger logger, string flow, string acr, string amr);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Sign-in flow {Flow}… with acr {Acr} failed: {Error}.")]
    private static partial void LogFailed(ILogger logger, string flow, string acr, string error);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Sign-in flow {Flow}… bound a new factor in '{Script}': it reports '{Reported}' (no mfa).")]
    private static partial void LogFactorBound(ILogger logger, string flow, string script, string reported);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Sign-in flow {Flow}…: '{From}' cannot run for this user; continuing with '{To}'.")]
    private static partial void LogSwitched(ILogger logger, string flow, string from, string to);
}
