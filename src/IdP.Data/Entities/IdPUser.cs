using Microsoft.AspNetCore.Identity;

namespace IdP.Data.Entities;

/// <summary>
/// A person who signs in to IdP. Identity's <c>PhoneNumber</c> holds the
/// E.164 number and <c>PhoneNumberConfirmed</c> is Gluu's
/// <c>phoneNumberVerified</c> flag: a number that is not verified never receives a code.
/// </summary>
public class IdPUser : IdentityUser
{
    /// <summary>Display name (OIDC <c>name</c> claim).</summary>
    public string? DisplayName { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
