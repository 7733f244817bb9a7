namespace IdP.Data.Entities;

/// <summary>
/// One phone number of a user: Gluu's multi-valued <c>mobile</c> attribute, one row per number, each with
/// its own verification (Gluu's <c>phoneNumberVerified</c> flag, per number here). Only a verified number
/// ever receives a sign-in code. <c>IdPUser.PhoneNumber</c> mirrors the user's primary verified
/// number (for the OIDC <c>phone_number</c> claim); the phone store keeps the two in step.
/// </summary>
public class UserPhone
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>E.164, e.g. <c>+4915112345678</c>.</summary>
    public string Number { get; set; } = "";

    /// <summary>A name the user chose (e.g. "work phone").</summary>
    public string? Nickname { get; set; }

    /// <summary>When the number was proven by a code sent to it; null while unverified.</summary>
    public DateTimeOffset? VerifiedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a sign-in code was last sent to this number.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
