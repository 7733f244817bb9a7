namespace IdP.Server.Portal;

/// <summary>
/// A number being enrolled: sent a code, not yet proven. It lives only in the data-protected enrollment cookie
/// (never as a <c>UserPhone</c> row), so an unverified number can never receive sign-in codes. <see cref="Id"/> is
/// the OTP binding (the code is bound to this id and the user, like a sign-in code to its flow).
/// </summary>
public sealed record PendingEnrollment(string Id, string UserId, string Number, string? Nickname, DateTimeOffset StartedAt, DateTimeOffset SentAt, string? Reference)
{
    public string Masked => IdP.Authentication.Phones.PhoneNumberRules.Mask(Number);
}
