namespace IdP.Server.Admin;

/// <summary>Names shared by the admin console, its JSON API and the command line.</summary>
public static class AdminConsole
{
    /// <summary>The Identity role whose members may use the console.</summary>
    public const string Role = "admin";

    /// <summary>The OAuth scope of the JSON admin API (client credentials grant only).</summary>
    public const string Scope = "idp.admin";

    /// <summary>The Razor Pages area of the console (<c>/admin</c>).</summary>
    public const string Area = "Admin";

    /// <summary>Where the console signs people in with the admin acr.</summary>
    public const string SignInPath = "/admin/signin";
}
