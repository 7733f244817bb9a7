using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Phones;
using IdP.Data.Entities;
using IdP.Server.Portal;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Pages.Portal;

/// <summary>
/// Confirms and removes one phone. Needs a fresh authentication like adding one; the policy
/// <c>IdP:Account:LastPhoneRemoval</c> decides whether the last verified number may go, and the page warns
/// when text-message sign-in is what the user is asked for.
/// </summary>
public sealed class PhoneRemoveModel(UserPhoneStore phones, PhoneManagementService management, AcrSettingsStore acrSettings) : PortalPageModel
{
    public UserPhone? Phone { get; private set; }

    /// <summary>Why the policy forbids the removal, or null.</summary>
    public string? Blocked { get; private set; }

    /// <summary>Removing it leaves the account without a verified number.</summary>
    public bool IsLastVerified { get; private set; }

    /// <summary>Text-message sign-in is the server's default method or the one this session used.</summary>
    public bool SmppRequired { get; private set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await CheckFreshAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!await CheckFreshAsync(ct))
        {
            ErrorMessage = "Your last sign-in is too long ago for this change. Confirm it's you, then remove the number.";
            return Page();
        }

        var error = await management.RemoveAsync(Session.Subject, id, RemoteAddress, ct);
        if (error is not null)
        {
            ErrorMessage = error;
            return Page();
        }

        return SeeOther("/account/phones", $"{PhoneNumberRules.Mask(Phone!.Number)} was removed from your account.");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var all = await phones.ListAsync(Session.Subject, ct);
        Phone = all.FirstOrDefault(p => p.Id == id);
        if (Phone is null)
        {
            return false;
        }

        Blocked = management.WhyNotRemovable(Phone, all);
        IsLastVerified = Phone.VerifiedAt is not null && all.Count(p => p.VerifiedAt is not null) == 1;
        var snapshot = await acrSettings.GetSnapshotAsync(ct);
        SmppRequired = snapshot.EnabledAcrs.Contains(SmppScript.AcrValue)
            && (snapshot.DefaultAcr == SmppScript.AcrValue || Session.Script == SmppScript.AcrValue);
        return true;
    }
}
