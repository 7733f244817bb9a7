using System.Security.Cryptography;
using System.Text.Json;
using IdP.Server.Configuration;
using Microsoft.AspNetCore.DataProtection;

namespace IdP.Server.Portal;

/// <summary>
/// Carries the <see cref="PendingEnrollment"/> between "send code" and "enter code": encrypted and signed with the
/// shared Data Protection keys (any node can read it) and time-limited, so a stale enrollment dies on its own.
/// <c>__Host-</c> prefixed when https is required, which needs Path=/ (otherwise it stays on <c>/account</c>).
/// </summary>
public sealed class EnrollmentCookie(IDataProtectionProvider protection, IdPEnvironment environment)
{
    public const string BaseName = "idp.enroll";

    /// <summary>Longer than any code lifetime the <c>smpp</c> script allows; the code's own expiry is what counts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly string _name = environment.CookieName(BaseName);

    private string CookiePath => environment.RequireHttps ? "/" : "/account";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("IdP.EnrollmentCookie.v1").ToTimeLimitedDataProtector();

    public void Write(HttpContext http, PendingEnrollment enrollment) =>
        http.Response.Cookies.Append(_name, Protector.Protect(JsonSerializer.Serialize(enrollment), Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = environment.RequireHttps || http.Request.IsHttps,
            Path = CookiePath,
            MaxAge = Lifetime,
            IsEssential = true,
        });

    /// <summary>The pending enrollment of <paramref name="userId"/>, or null (none, expired, tampered, another user's).</summary>
    public PendingEnrollment? Read(HttpContext http, string userId)
    {
        var value = http.Request.Cookies[_name];
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var enrollment = JsonSerializer.Deserialize<PendingEnrollment>(Protector.Unprotect(value));
            return enrollment?.UserId == userId ? enrollment : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return null;
        }
    }

    public void Delete(HttpContext http) => http.Response.Cookies.Delete(_name, new CookieOptions { Path = CookiePath, Secure = environment.RequireHttps || http.Request.IsHttps });
}
