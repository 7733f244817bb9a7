using IdP.Server.Portal;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Pages.Portal;

/// <summary>
/// Second half of adding a phone: the code sent to the new number. The right code adds the number as
/// verified; a wrong one changes nothing (the old numbers stay in force).
/// </summary>
public sealed class PhoneVerifyModel(PhoneEnrollmentService enrollment, EnrollmentCookie enrollmentCookie) : PortalPageModel
{
    public PendingEnrollment? Pending { get; private set; }

    public string? ErrorMessage { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    public IActionResult OnGet()
    {
        Pending = enrollmentCookie.Read(HttpContext, Session.Subject);
        return Pending is null ? SeeOther("/account/phones", "There is no number waiting for a code. Add the number again.") : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Pending = enrollmentCookie.Read(HttpContext, Session.Subject);
        if (Pending is null)
        {
            return SeeOther("/account/phones", "That code request expired. Add the number again.");
        }

        if (!await CheckFreshAsync(ct))
        {
            ErrorMessage = "Your last sign-in is too long ago for this change. Confirm it's you, then enter the code.";
            return Page();
        }

        var outcome = await enrollment.ConfirmAsync(Pending, Code, RemoteAddress, ct);
        if (outcome.Succeeded)
        {
            enrollmentCookie.Delete(HttpContext);
            return SeeOther("/account/phones", $"{Pending.Masked} was verified and added to your account.");
        }

        return Show(outcome);
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        Pending = enrollmentCookie.Read(HttpContext, Session.Subject);
        if (Pending is null)
        {
            return SeeOther("/account/phones", "That code request expired. Add the number again.");
        }

        var outcome = await enrollment.ResendAsync(Pending, RemoteAddress, ct);
        if (outcome.Succeeded)
        {
            enrollmentCookie.Write(HttpContext, outcome.Pending!);
            return SeeOther("/account/phones/verify", "A new code was sent.");
        }

        return Show(outcome);
    }

    public IActionResult OnPostCancel()
    {
        enrollmentCookie.Delete(HttpContext);
        return SeeOther("/account/phones", "The number was not added.");
    }

    private IActionResult Show(EnrollmentOutcome outcome)
    {
        ErrorMessage = outcome.Error;
        if (outcome.Pending is null)
        {
            enrollmentCookie.Delete(HttpContext);
            return SeeOther("/account/phones", outcome.Error);
        }

        Pending = outcome.Pending;
        Code = null;
        return Page();
    }
}
