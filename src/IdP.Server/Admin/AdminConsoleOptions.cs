using System.ComponentModel.DataAnnotations;

namespace IdP.Server.Admin;

/// <summary>Settings of the admin console (section <c>IdP:Admin</c>).</summary>
public sealed class AdminConsoleOptions
{
    public const string SectionName = "IdP:Admin";

    /// <summary>
    /// How old the admin's last active authentication may be for a change (any form post); older sessions
    /// sign in again with the admin acr first (the console's own <c>max_age</c>, OIDC Core 3.1.2.1).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "08:00:00", ErrorMessage = "IdP:Admin:SensitiveMaxAge must be between 1 minute and 8 hours.")]
    public TimeSpan SensitiveMaxAge { get; set; } = TimeSpan.FromMinutes(15);
}
