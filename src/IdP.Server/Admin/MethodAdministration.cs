using System.Text.Json;
using IdP.Authentication.Audit;
using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.OpenId;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.Admin;

/// <summary>
/// Authentication methods for the console and the API: list, enable/disable, properties, the default
/// and admin acr. Every change goes through <see cref="AcrSettingsStore"/> (the same rules as the command
/// line), is audited with the admin's name, and clears this node's discovery cache; other nodes follow
/// within the settings cache time.
/// </summary>
public sealed class MethodAdministration(AcrSettingsStore store, ScriptRegistry registry, AdminLockoutGuard guard, AuditLog audit, IdPDbContext db)
{
    public async Task<IReadOnlyList<ScriptView>> ListAsync(CancellationToken ct)
    {
        var snapshot = await store.LoadFreshSnapshotAsync(ct);
        return registry.All.Select(source =>
        {
            var script = source.Script;
            var stored = snapshot.StoredProperties.TryGetValue(script.Acr, out var json)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
                : [];
            var properties = script.Properties.Select(p =>
            {
                var isSet = stored.TryGetValue(p.Key, out var raw);
                if (p.IsSecret)
                {
                    return new ScriptPropertyView(p, null, isSet, !isSet && p.DefaultValue is null ? $"'{p.Key}' is required." : null);
                }

                var (_, problem) = p.Check(isSet ? raw : null);
                return new ScriptPropertyView(p, isSet ? raw : p.DefaultValue, isSet, problem);
            }).ToList();
            return new ScriptView(script.Acr, script.DisplayName, script.Level, snapshot.EnabledAcrs.Contains(script.Acr), source.Origin,
                snapshot.DefaultAcr == script.Acr, snapshot.AdminAcr == script.Acr, properties);
        }).ToList();
    }

    public async Task<ScriptView?> FindAsync(string acr, CancellationToken ct) =>
        (await ListAsync(ct)).FirstOrDefault(s => s.Acr == acr);

    /// <summary>
    /// Enables or disables a script. Enabling <c>smpp</c> while no admin acr was chosen makes it the admin acr
    /// (the fallback), so that is held back when it would lock admins out, unless <paramref name="confirmed"/>.
    /// </summary>
    public async Task<AdminChangeResult> SetEnabledAsync(AdminActor actor, string acr, bool enabled, bool confirmed, CancellationToken ct)
    {
        IReadOnlyList<string> warnings = [];
        if (enabled && acr == SmppScript.AcrValue && !await db.ServerSettings.AnyAsync(s => s.Key == ServerSetting.AdminAcr && s.Value != "", ct))
        {
            warnings = (await guard.CheckAsync(acr, actor.UserId, ct))
                .Select(w => "Enabling it makes it the admin acr (none is set). " + w).ToList();
            if (warnings.Count > 0 && !confirmed)
            {
                return AdminChangeResult.NeedsConfirmation(warnings);
            }
        }

        await store.SetEnabledAsync(acr, enabled, ct);
        WellKnownResponseCache.Invalidate();
        await AuditAsync(actor, $"{(enabled ? "enabled" : "disabled")} authentication method '{acr}'" + Confirmed(warnings), acr, ct);
        return AdminChangeResult.Done(warnings);
    }

    /// <summary>Validates and stores one property (a secret is stored encrypted and never shown in the audit log).</summary>
    public async Task SetPropertyAsync(AdminActor actor, string acr, string key, string value, CancellationToken ct)
    {
        await store.SetPropertyAsync(acr, key, value, ct);
        var definition = registry.Find(acr)?.Script.Properties.First(p => p.Key == key);
        var shown = definition?.IsSecret == true ? "(secret changed)" : "= " + definition!.Check(value).Value;
        await AuditAsync(actor, $"set property {acr}.{key} {shown}", acr, ct);
    }

    public async Task SetDefaultAcrAsync(AdminActor actor, string acr, CancellationToken ct)
    {
        await store.SetDefaultAcrAsync(acr, ct);
        WellKnownResponseCache.Invalidate();
        await AuditAsync(actor, $"set the default acr to '{acr}'", acr, ct);
    }

    /// <summary>Sets the admin acr; held back with warnings when it would lock admins out and is not <paramref name="confirmed"/>.</summary>
    public async Task<AdminChangeResult> SetAdminAcrAsync(AdminActor actor, string acr, bool confirmed, CancellationToken ct)
    {
        var snapshot = await store.LoadFreshSnapshotAsync(ct);
        if (!snapshot.EnabledAcrs.Contains(acr))
        {
            // Same rule and message as the store; checked first so that no warning is shown for it.
            await store.SetAdminAcrAsync(acr, ct);
        }

        var warnings = await guard.CheckAsync(acr, actor.UserId, ct);
        if (warnings.Count > 0 && !confirmed)
        {
            return AdminChangeResult.NeedsConfirmation(warnings);
        }

        await store.SetAdminAcrAsync(acr, ct);
        await AuditAsync(actor, $"set the admin acr to '{acr}'" + Confirmed(warnings), acr, ct);
        return AdminChangeResult.Done(warnings);
    }

    private static string Confirmed(IReadOnlyList<string> warnings) =>
        warnings.Count == 0 ? "" : " (confirmed despite: " + string.Join(" ", warnings) + ")";

    private Task AuditAsync(AdminActor actor, string detail, string acr, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(AuditEventTypes.AdminChange)
        {
            ActorId = actor.Id,
            ClientId = actor.ClientId,
            RemoteAddress = actor.RemoteAddress,
            Acr = acr,
            Detail = detail,
        }, ct);
}
