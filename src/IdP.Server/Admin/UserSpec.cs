namespace IdP.Server.Admin;

/// <summary>A person to create, as given on the command line or by seeding.</summary>
public sealed class UserSpec
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>International number (E.164, with +): the user's first <c>mobile</c> number.</summary>
    public string? Phone { get; set; }

    /// <summary>Whether <see cref="Phone"/> counts as verified (<c>phoneNumberVerified</c>); an admin attests it by default.</summary>
    public bool PhoneVerified { get; set; } = true;

    public string? DisplayName { get; set; }

    public List<string> Roles { get; set; } = [];
}
