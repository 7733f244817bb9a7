namespace IdP.Server.Admin;

/// <summary>A person to create, as given on the command line or by seeding.</summary>
public sealed class UserSpec
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>International number (E.164, with +); stored as verified.</summary>
    public string? Phone { get; set; }

    public string? DisplayName { get; set; }

    public List<string> Roles { get; set; } = [];
}
