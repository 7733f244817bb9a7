using IdP.Authentication.Password;
using IdP.Server.Configuration;
using IdP.Server.Session;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IdP.Server.Pages.Account;

/// <summary>
/// The password step. The same message answers every failure (unknown user, wrong password,
/// locked account), so the page never tells whether an account exists (ASVS 6.3.8).
/// </summary>
public sealed class LoginModel(PasswordAuthenticator passwords, SessionSignIn sessions, IOptions<IdPOptions> options) : PageModel
{
    internal const string FailureMessage =
        "Sign-in failed. Check your username and password. After several failed attempts sign-in is paused for a while.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet([FromQuery(Name = "login_hint")] string? loginHint)
    {
        // OIDC Core 3.1.2.1: login_hint pre-fills the identifier.
        if (!string.IsNullOrEmpty(loginHint) && loginHint.Length <= 256)
        {
            Input.Username = loginHint;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            ErrorMessage = "Enter your username and password.";
            Input.Password = "";
            return Page();
        }

        var user = await passwords.AuthenticateAsync(Input.Username, Input.Password, ct);
        if (user is null)
        {
            ErrorMessage = FailureMessage;
            Input.Password = "";
            return Page();
        }

        await sessions.SignInAsync(HttpContext, user, options.Value.DefaultAcr, ["pwd"]);

        // RFC 9700 §4.12: answer a credential POST with 303, never 307.
        var target = ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/signed-in";
        Response.Headers.Location = target;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
