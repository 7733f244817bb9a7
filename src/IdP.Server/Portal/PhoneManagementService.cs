using IdP.Authentication.Audit;
using IdP.Authentication.Phones;
using IdP.Data.Entities;
using Microsoft.Extensions.Options;

namespace IdP.Server.Portal;

/// <summary>Renames and removes a user's phones, with the removal policy, audit events and notices.</summary>
public sealed class PhoneManagementService(
    UserPhoneStore phones,
    AccountNotifier notifier,
    AuditLog audit,
    IOptions<AccountPortalOptions> options)
{
    public async Task<bool> RenameAsync(string userId, long phoneId, string? nickname, string? remoteAddress, CancellationToken ct)
    {
        var row = (await phones.ListAsync(userId, ct)).FirstOrDefault(p => p.Id == phoneId);
        if (row is null || !await phones.RenameAsync(userId, phoneId, nickname, ct))
        {
            return false;
        }

        var name = string.IsNullOrWhiteSpace(nickname) ? "(no name)" : $"\"{nickname.Trim()}\"";
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.PhoneRenamed)
        {
            UserId = userId, RemoteAddress = remoteAddress, Detail = $"{PhoneNumberRules.Mask(row.Number)} renamed to {name}",
        }, ct);
        return true;
    }

    /// <summary>Why <paramref name="phone"/> may not be removed under the policy, or null when it may.</summary>
    public string? WhyNotRemovable(UserPhone phone, IReadOnlyList<UserPhone> all) =>
        options.Value.LastPhoneRemoval == LastPhoneRemovalPolicy.Block
            && phone.VerifiedAt is not null
            && all.Count(p => p.VerifiedAt is not null) == 1
            ? "This is your only verified number, so it cannot be removed: you would lose the text-message sign-in. " +
              "Add and verify your new number first, then remove this one."
            : null;

    /// <summary>Removes the phone; returns an error for the user, or null when removed.</summary>
    public async Task<string?> RemoveAsync(string userId, long phoneId, string? remoteAddress, CancellationToken ct)
    {
        var all = await phones.ListAsync(userId, ct);
        var phone = all.FirstOrDefault(p => p.Id == phoneId);
        if (phone is null)
        {
            return "That number is not on your account.";
        }

        if (WhyNotRemovable(phone, all) is { } why)
        {
            return why;
        }

        await phones.RemoveAsync(userId, phoneId, ct);
        var masked = PhoneNumberRules.Mask(phone.Number);
        var last = phone.VerifiedAt is not null && all.Count(p => p.VerifiedAt is not null) == 1;
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.PhoneRemoved)
        {
            UserId = userId, RemoteAddress = remoteAddress,
            Detail = $"removed {masked}{(phone.VerifiedAt is null ? " (unverified)" : "")}{(last ? "; no verified number left" : "")} (self-service)",
        }, ct);

        // A verified number leaves the factor: it and the e-mail address are told (an unverified one never received codes).
        await notifier.PhonesChangedAsync(userId, [.. all.Where(p => p.VerifiedAt is not null).Select(p => p.Number)],
            await phones.VerifiedNumbersAsync(userId, ct), NoticeOrigin.Portal(remoteAddress));
        return null;
    }
}
