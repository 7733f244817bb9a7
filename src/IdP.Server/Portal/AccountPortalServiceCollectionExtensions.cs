using System.Threading.RateLimiting;
using IdP.Authentication.Sms;
using IdP.Server.Admin;
using IdP.Server.Mail;
using IdP.Server.Session;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdP.Server.Portal;

/// <summary>Registers the self-service account portal (<c>/account</c>): options, services, the change rate limit.</summary>
public static class AccountPortalServiceCollectionExtensions
{
    /// <summary>The rate-limiting policy on the portal pages: form posts per account (or address) per window.</summary>
    public const string ChangesPolicy = "idp-account-changes";

    /// <summary>The Razor Pages folder of the portal (routed at <c>/account</c>, <c>/account/phones</c>, …).</summary>
    public const string PagesFolder = "/Portal";

    public static IServiceCollection AddAccountPortal(this IServiceCollection services)
    {
        services.AddOptions<AccountPortalOptions>()
            .BindConfiguration(AccountPortalOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountPortalOptions>, AccountPortalOptionsValidator>();
        services.AddMailNotices();
        services.AddSingleton<EnrollmentCookie>();
        services.AddScoped<StepUpService>();
        services.AddScoped<AccountNotifier>();
        services.AddScoped<FirstAdminPhoneRule>();
        services.AddScoped<ISmsFactorHooks, SmsFactorHooks>();
        services.AddScoped<PhoneEnrollmentService>();
        services.AddScoped<PhoneManagementService>();
        services.AddScoped<SessionsAndGrantsService>();
        services.AddScoped<AccountOverviewService>();

        // Every portal page needs the IdP session: anonymous visitors go through the sign-in flow and come back.
        // (Posts count against the change limit through [EnableRateLimiting] on PortalPageModel.)
        services.Configure<RazorPagesOptions>(pages => pages.Conventions.AuthorizeFolder(PagesFolder));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(ChangesPolicy, http =>
            {
                // Reading the pages is free; every change (POST) counts, per account, else per address.
                if (!HttpMethods.IsPost(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var portal = http.RequestServices.GetRequiredService<IOptions<AccountPortalOptions>>().Value;
                var key = http.User.FindFirst(IdPSession.SubjectClaim)?.Value is { Length: > 0 } sub
                    ? "user:" + sub
                    : "addr:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = portal.ChangeLimit,
                    Window = portal.ChangeWindow,
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>
    /// The e-mail channel of notices: <see cref="MailOptions"/> (<c>IdP:Mail</c>, checked at start) and MailKit's
    /// <see cref="SmtpMailSender"/>, which also says once at start whether mail is on. A deployment may register its
    /// own <see cref="INotificationSender"/> first.
    /// </summary>
    public static IServiceCollection AddMailNotices(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddSingleton<SmtpMailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<SmtpMailSender>());
        services.TryAddSingleton<INotificationSender>(sp => sp.GetRequiredService<SmtpMailSender>());
        return services;
    }
}
