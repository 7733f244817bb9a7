using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IdP.Server.Configuration;
using IdP.Server.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace IdP.Server.Demo;

/// <summary>
/// A minimal relying party, served only in demo mode, so that a new user can complete a real
/// authorization-code + PKCE sign-in right after starting the provider. It talks to the
/// provider over HTTP exactly as an external application would.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
[Route("demo")]
public sealed class DemoRelyingPartyController(IdPEnvironment environment, DemoMode demo, IDataProtectionProvider protection, IHttpClientFactory httpClients) : Controller
{
    private string StateCookie => environment.CookieName("idp.demo.state");

    private IDataProtector Protector => protection.CreateProtector("IdP.Demo.State");

    [HttpGet("")]
    public IActionResult Index() => demo.IsOn ? View("~/Views/Demo/Index.cshtml") : NotFound();

    /// <param name="acr">Optional acr_values for the request (e.g. <c>smpp</c> for password and SMS code); only
    /// acr names (letters, digits, <c>_ . : -</c>) are passed on.</param>
    [HttpGet("start")]
    public IActionResult Start([FromQuery] string? acr = null)
    {
        if (!demo.IsOn)
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(acr) && (acr.Length > 64 || !acr.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-')))
        {
            return BadRequest();
        }

        var state = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        Response.Cookies.Append(StateCookie, Protector.Protect(state + "|" + verifier), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = environment.RequireHttps || Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(10),
        });

        var url = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = DemoSeeder.DemoClientId,
            ["redirect_uri"] = Origin + "/demo/callback",
            ["response_type"] = "code",
            ["scope"] = "openid profile email phone",
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["acr_values"] = string.IsNullOrEmpty(acr) ? null : acr,
        });
        return Redirect(url);
    }

    [HttpGet("callback")]
    public async Task<IActionResult> CallbackAsync([FromQuery] string? code, [FromQuery] string? state, [FromQuery] string? error, CancellationToken ct)
    {
        if (!demo.IsOn)
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(error))
        {
            return View("~/Views/Demo/Result.cshtml", new DemoResult(error, null, null));
        }

        string[] saved;
        try
        {
            saved = Protector.Unprotect(Request.Cookies[StateCookie] ?? "").Split('|');
        }
        catch (CryptographicException)
        {
            return View("~/Views/Demo/Result.cshtml", new DemoResult("The demo's state cookie is missing; start again.", null, null));
        }

        Response.Cookies.Delete(StateCookie, new CookieOptions { Secure = environment.RequireHttps || Request.IsHttps });
        if (saved.Length != 2 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(saved[0]), Encoding.UTF8.GetBytes(state ?? "")))
        {
            return View("~/Views/Demo/Result.cshtml", new DemoResult("The state does not match: this response was not for this browser.", null, null));
        }

        using var http = httpClients.CreateClient();
        using var response = await http.PostAsync(Origin + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code ?? "",
            ["redirect_uri"] = Origin + "/demo/callback",
            ["client_id"] = DemoSeeder.DemoClientId,
            ["code_verifier"] = saved[1],
        }), ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        if (!response.IsSuccessStatusCode || !body.RootElement.TryGetProperty("id_token", out var idToken))
        {
            return View("~/Views/Demo/Result.cshtml", new DemoResult("The token request failed: " + body.RootElement.GetRawText(), null, null));
        }

        // Received directly from the token endpoint (OIDC Core 3.1.3.7 allows relying on that channel).
        var payload = Base64UrlEncoder.Decode(idToken.GetString()!.Split('.')[1]);
        var pretty = JsonSerializer.Serialize(JsonDocument.Parse(payload).RootElement, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return View("~/Views/Demo/Result.cshtml", new DemoResult(null, pretty, idToken.GetString()));
    }

    private string Origin => $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
}
