namespace IdP.Authentication.Phones;

/// <summary>A phone number of a user as a reader returns it.</summary>
/// <param name="Id">Store id (stable, used to choose among numbers without exposing them).</param>
/// <param name="Number">E.164.</param>
/// <param name="Verified">Gluu's <c>phoneNumberVerified</c>: only a verified number receives sign-in codes.</param>
/// <param name="Nickname">A name the user chose, if any.</param>
/// <param name="VerifiedAt">When the number was verified, if it was.</param>
public sealed record UserPhoneNumber(string Id, string Number, bool Verified, string? Nickname, DateTimeOffset? VerifiedAt)
{
    public string Masked => PhoneNumberRules.Mask(Number);
}
