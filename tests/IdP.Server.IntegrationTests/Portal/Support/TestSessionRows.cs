using System.Security.Claims;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Session;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Portal.Support;

/// <summary>
/// Stands in for the server-side sessions another branch adds in <c>src/IdP.Server/Session/</c>: every IdP
/// sign-in writes a <see cref="UserSession"/> row and puts its id in the cookie's <c>sid</c> claim. Tests only.
/// </summary>
public static class TestSessionRows
{
    public static void Add(IServiceCollection services) =>
        services.PostConfigure<CookieAuthenticationOptions>(IdPSession.Scheme, options =>
        {
            var previous = options.Events.OnSigningIn;
            options.Events.OnSigningIn = async context =>
            {
                await previous(context);
                var identity = (ClaimsIdentity)context.Principal!.Identity!;
                var id = Guid.NewGuid().ToString("N");
                identity.AddClaim(new Claim("sid", id));
                var http = context.HttpContext;
                var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                var db = http.RequestServices.GetRequiredService<IdPDbContext>();
                db.UserSessions.Add(new UserSession
                {
                    Id = id,
                    UserId = identity.FindFirst(IdPSession.SubjectClaim)!.Value,
                    CreatedAt = now,
                    LastSeenAt = now,
                    Acr = identity.FindFirst(IdPSession.AcrClaim)?.Value,
                    Amr = string.Join(' ', identity.FindAll(IdPSession.AmrClaim).Select(c => c.Value)),
                    RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
                    UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(512, agent.Length)] : null,
                });
                await db.SaveChangesAsync(http.RequestAborted);
            };
        });
}
