using IdP.Server.Session;
using IdP.Data.Entities;
using IdP.Server.Portal;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Pages.Portal;

/// <summary>
/// The user's IdP sessions (sign out one, or all others) and the grants given to applications (revoke).
/// The current session is the one named by the session cookie's <c>idp_sid</c> claim (a server-side <see cref="IdP.Data.Entities.UserSession"/> row).
/// </summary>
public sealed class SessionsModel(SessionsAndGrantsService service) : PortalPageModel
{
    /// <summary>The claim holding the <see cref="UserSession"/> id of this browser's session.</summary>
    public const string SessionIdClaim = IdPSession.SessionIdClaim;

    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public IReadOnlyList<AccountGrant> Grants { get; private set; } = [];

    public string? CurrentSessionId => User.FindFirst(SessionIdClaim)?.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Sessions = await service.ListSessionsAsync(Session.Subject, ct);
        Grants = await service.ListGrantsAsync(Session.Subject, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeSessionAsync([FromForm] string? id, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id) || !await service.RevokeSessionAsync(Session.Subject, id, RemoteAddress, ct))
        {
            return NotFound();
        }

        return SeeOther("/account/sessions", id == CurrentSessionId ? "This session was signed out." : "The session was signed out.");
    }

    public async Task<IActionResult> OnPostRevokeOthersAsync(CancellationToken ct)
    {
        if (CurrentSessionId is not { Length: > 0 } current)
        {
            return SeeOther("/account/sessions", "This session cannot be told apart from the others, so none were signed out. Sign out sessions one by one.");
        }

        var count = await service.RevokeOtherSessionsAsync(Session.Subject, current, RemoteAddress, ct);
        return SeeOther("/account/sessions", count == 0 ? "There were no other sessions." : $"{count} other session(s) signed out.");
    }

    public async Task<IActionResult> OnPostRevokeGrantAsync([FromForm] string? id, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id) || !await service.RevokeGrantAsync(Session.Subject, id, RemoteAddress, ct))
        {
            return NotFound();
        }

        return SeeOther("/account/sessions", "The application's access was revoked. It must ask you again to sign in.");
    }
}
