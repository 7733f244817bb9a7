using IdP.Authentication.Phones;
using IdP.Data.Entities;
using IdP.Server.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdP.Server.Pages.Portal;

/// <summary>
/// The user's phones: rename (free), remove (link to the confirmation page), and add a number (needs a fresh
/// authentication; sends a code to the new number and continues on the verify page).
/// </summary>
public sealed class PhonesModel(
    UserPhoneStore phones,
    PhoneEnrollmentService enrollment,
    PhoneManagementService management,
    EnrollmentCookie enrollmentCookie,
    IOptions<AccountPortalOptions> options) : PortalPageModel
{
    [BindProperty]
    public AddPhoneInput Add { get; set; } = new();

    public IReadOnlyList<UserPhone> Phones { get; private set; } = [];

    public PendingEnrollment? Pending { get; private set; }

    public string? AddError { get; private set; }

    public string? ErrorMessage { get; private set; }

    public AccountPortalOptions Options => options.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Add.Region = options.Value.DefaultRegion;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync([FromForm] long id, [FromForm] string? nickname, CancellationToken ct)
    {
        if (nickname is { Length: > 64 })
        {
            ErrorMessage = "A name can have at most 64 characters.";
            await LoadAsync(ct);
            return Page();
        }

        return await management.RenameAsync(Session.Subject, id, nickname, RemoteAddress, ct)
            ? SeeOther("/account/phones", "The phone was renamed.")
            : NotFound();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!await CheckFreshAsync(ct))
        {
            ErrorMessage = "Your last sign-in is too long ago for this change. Confirm it's you, then add the number.";
            await LoadAsync(ct);
            return Page();
        }

        var region = CountryChoices.IsKnown(Add.Region) ? Add.Region : options.Value.DefaultRegion;
        var outcome = await enrollment.StartAsync(Session.Subject, Add.Number, region, Add.Nickname, RemoteAddress, ct);
        if (outcome.Pending is null)
        {
            AddError = outcome.Error;
            await LoadAsync(ct);
            return Page();
        }

        enrollmentCookie.Write(HttpContext, outcome.Pending);
        return SeeOther("/account/phones/verify");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Phones = await phones.ListAsync(Session.Subject, ct);
        Pending = enrollmentCookie.Read(HttpContext, Session.Subject);
        StepUp ??= await HttpContext.RequestServices.GetRequiredService<StepUpService>().EvaluateAsync(Session, ct);
    }
}
