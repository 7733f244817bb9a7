using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.Portal;

/// <summary>What the overview page shows besides the profile: methods, recent sign-ins and recent SMS.</summary>
public sealed class AccountOverviewService(IdPDbContext db, AcrSettingsStore acrSettings, ScriptRegistry registry)
{
    /// <summary>The enabled methods, weakest first; <c>smpp</c> needs a verified phone (Gluu's <c>phoneNumberVerified</c>).</summary>
    public async Task<IReadOnlyList<AccountMethod>> MethodsAsync(int verifiedPhones, CancellationToken ct)
    {
        var snapshot = await acrSettings.GetSnapshotAsync(ct);
        var methods = new List<AccountMethod>();
        foreach (var source in registry.All.Where(s => snapshot.EnabledAcrs.Contains(s.Script.Acr)))
        {
            var script = source.Script;
            var smpp = script.Acr == SmppScript.AcrValue;
            methods.Add(new AccountMethod(script.Acr, script.DisplayName, script.Level,
                !smpp || verifiedPhones > 0,
                smpp && verifiedPhones == 0 ? "Add and verify a mobile number to use it." : null));
        }

        return methods;
    }

    /// <summary>The latest successful sign-ins (audit events <c>signin.success</c>).</summary>
    public Task<List<AuditEvent>> RecentSignInsAsync(string userId, int count, CancellationToken ct) =>
        db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == userId && e.Type == AuditEventTypes.SignInSucceeded)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(count)
            .ToListAsync(ct);

    /// <summary>The latest text messages sent to the user (masked destinations only).</summary>
    public Task<List<SmsMessage>> RecentSmsAsync(string userId, int count, CancellationToken ct) =>
        db.SmsMessages.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(count)
            .ToListAsync(ct);
}
