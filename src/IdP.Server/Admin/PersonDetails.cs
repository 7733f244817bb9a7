using IdP.Data.Entities;

namespace IdP.Server.Admin;

/// <summary>Everything the console shows about one person; phone numbers only masked.</summary>
public sealed record PersonDetails(
    IdPUser User,
    IReadOnlyList<PersonPhone> Phones,
    IReadOnlyList<string> Roles,
    bool LockedOut,
    int OtpFailures,
    DateTimeOffset? OtpBlockedUntil,
    IReadOnlyList<UserSession> Sessions,
    IReadOnlyList<AuditEvent> RecentEvents,
    IReadOnlyList<SmsMessage> RecentSms);

/// <summary>A phone number of a person as admins see it.</summary>
public sealed record PersonPhone(long Id, string Masked, string? Nickname, DateTimeOffset? VerifiedAt, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
