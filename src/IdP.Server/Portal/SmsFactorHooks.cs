using IdP.Authentication.Sms;
using IdP.Server.Admin;

namespace IdP.Server.Portal;

/// <summary>The server's side of the <c>smpp</c> script's <see cref="ISmsFactorHooks"/>: the admin rule and the notices.</summary>
public sealed class SmsFactorHooks(FirstAdminPhoneRule adminRule, AccountNotifier notifier) : ISmsFactorHooks
{
    public async Task<string?> WhyNotSelfEnrollAsync(string userId, CancellationToken ct) =>
        await adminRule.AppliesAsync(userId, ct) ? FirstAdminPhoneRule.SelfServiceRefusal : null;

    public Task PhoneEnrolledAsync(string userId, string e164, string? remoteAddress, CancellationToken ct) =>
        notifier.PhonesChangedAsync(userId, [], [e164], NoticeOrigin.SignIn(remoteAddress));

    public Task FactorLockedAsync(string userId, string? remoteAddress, CancellationToken ct) =>
        notifier.FactorLockedAsync(userId, remoteAddress);
}
