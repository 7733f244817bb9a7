using System.Security.Cryptography;
using System.Text.Json;
using IdP.Server.Configuration;
using Microsoft.AspNetCore.DataProtection;

namespace IdP.Server.Portal;

/// <summary>
/// Carries the <see cref="PendingEnrollment"/> between "send code" and "enter code": encrypted and signed with the
/// shared Data Protection keys (any node can read it) and time-limited, so a stale enrollment dies on its own.
/// </summary>
public sealed class EnrollmentCookie(IDataProtectionProvider protection, IdPEnvironment environment)
{
    public const string Name = "idp.enroll";

    /// <summary>Longer than any code lifetime the <c>smpp</c> script allows; the code's own expiry is what counts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("IdP.EnrollmentCookie.v1").ToTimeLimitedDataProtector();

    public void Write(HttpContext http, PendingEnrollment enrollment) =>
        http.Response.Cookies.Append(Name, Protector.Protect(JsonSerializer.Serialize(enrollment), Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = environment.RequireHttps || http.Request.IsHttps,
            Path = "/account",
            MaxAge = Lifetime,
            IsEssential = true,
        });

    /// <summary>The pending enrollment of <paramref name="userId"/>, or null (none, expired, tampered, another user's).</summary>
    public PendingEnrollment? Read(HttpContext http, string userId)
    {
        var value = http.Request.Cookies[Name];
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

    public void Delete(HttpContext http) => http.Response.Cookies.Delete(Name, new CookieOptions { Path = "/account" });
}
