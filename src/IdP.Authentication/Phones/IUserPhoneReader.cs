namespace IdP.Authentication.Phones;

/// <summary>
/// Reads a user's phone numbers from the user store, with Gluu's semantics: the numbers live in the attribute
/// named by the <c>smpp</c> script's <c>phone_attribute</c> (default <c>mobile</c>, multi-valued) and
/// <c>phoneNumberVerified</c> is the flag that says a number was verified. Implementations normalise to
/// E.164 and drop values that are not phone numbers. The ASP.NET Core Identity store is the built-in one; an
/// LDAP store can implement the same interface.
/// </summary>
public interface IUserPhoneReader
{
    /// <summary>The attributes this store can read numbers from (for validating <c>phone_attribute</c>).</summary>
    IReadOnlyList<string> SupportedAttributes { get; }

    /// <summary>All numbers of the user in <paramref name="attribute"/>, verified or not.</summary>
    Task<IReadOnlyList<UserPhoneNumber>> GetNumbersAsync(string userId, string attribute, CancellationToken ct);
}
