using System.Security.Cryptography;
using IdP.Authentication.Engine;
using IdP.Data.Entities;
using IdP.Server.Configuration;
using Microsoft.AspNetCore.DataProtection;

namespace IdP.Server.Session;

/// <summary>
/// The short-lived, data-protected cookie that points a browser at its sign-in flow in the
/// database. It carries only the flow id; the flow itself never leaves the server. <c>__Host-</c> prefixed when https
/// is required (<see cref="IdPEnvironment.CookieName"/>).
/// </summary>
public sealed class FlowCookie(IDataProtectionProvider protection, IdPEnvironment environment, AuthenticationEngineOptions options)
{
    public const string BaseName = "idp.flow";

    private readonly string _name = environment.CookieName(BaseName);

    private IDataProtector Protector => protection.CreateProtector("IdP.FlowCookie.v1");

    public void Write(HttpContext http, LoginFlow flow) =>
        http.Response.Cookies.Append(_name, Protector.Protect(flow.Id), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = environment.RequireHttps || http.Request.IsHttps,
            Path = "/",
            MaxAge = options.FlowLifetime,
            IsEssential = true,
        });

    public string? Read(HttpContext http)
    {
        var value = http.Request.Cookies[_name];
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return Protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void Delete(HttpContext http) => http.Response.Cookies.Delete(_name, new CookieOptions { Path = "/", Secure = environment.RequireHttps || http.Request.IsHttps });
}
