using IdP.Authentication.Audit;
using IdP.Authentication.BuiltIn;
using IdP.Authentication.Phones;
using IdP.Authentication.Sms;
using IdP.Authentication.Otp;
using IdP.Authentication.Password;
using IdP.Authentication.Scripts;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.Engine;

/// <summary>Registers the acr engine and the built-in scripts.</summary>
public static class AuthenticationEngineServiceCollectionExtensions
{
    public static IServiceCollection AddAuthenticationEngine(this IServiceCollection services, AuthenticationEngineOptions options, OtpAccountOptions? otp = null, SmsOptions? sms = null)
    {
        services.AddSingleton(sms ?? new SmsOptions());
        services.AddSingleton(options);
        services.AddSingleton(otp ?? new OtpAccountOptions());
        services.AddSingleton<OtpKeyProvider>();
        services.AddScoped<OtpService>();
        services.AddScoped<OtpLockout>();
        services.AddSingleton<IAuthenticationScript, PasswordScript>();
        services.AddSingleton<IAuthenticationScript, SmppScript>();
        services.AddScoped<UserPhoneStore>();
        services.AddScoped<IUserPhoneReader>(sp => sp.GetRequiredService<UserPhoneStore>());
        services.AddScoped<AuditLog>();
        services.AddScoped<SmsDeliveryRecords>();
        services.AddScoped<SmsSendLimiter>();
        services.AddScoped<SmsCodeSender>();
        services.AddSingleton<ScriptRegistry>();
        services.AddScoped<AcrSettingsStore>();
        services.AddScoped<SignInFlowService>();
        services.AddScoped<PasswordAuthenticator>();
        return services;
    }
}
