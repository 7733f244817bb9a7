using IdP.Data.Entities;
using IdP.Server.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Pages.Portal;

/// <summary>
/// The account overview: profile basics, the phones (masked), the sign-in methods the user can use, recent
/// sign-ins and recent text messages.
/// </summary>
public sealed class OverviewModel(UserManager<IdPUser> users, IdP.Authentication.Phones.UserPhoneStore phones, AccountOverviewService overview) : PortalPageModel
{
    public IdPUser Account { get; private set; } = null!;

    public IReadOnlyList<UserPhone> Phones { get; private set; } = [];

    public IReadOnlyList<AccountMethod> Methods { get; private set; } = [];

    public IReadOnlyList<AuditEvent> SignIns { get; private set; } = [];

    public IReadOnlyList<SmsMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.FindByIdAsync(Session.Subject);
        if (user is null)
        {
            return Redirect("/connect/endsession");
        }

        Account = user;
        Phones = await phones.ListAsync(user.Id, ct);
        Methods = await overview.MethodsAsync(Phones.Count(p => p.VerifiedAt is not null), ct);
        SignIns = await overview.RecentSignInsAsync(user.Id, 10, ct);
        Messages = await overview.RecentSmsAsync(user.Id, 10, ct);
        return Page();
    }
}
