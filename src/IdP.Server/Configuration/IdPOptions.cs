using System.ComponentModel.DataAnnotations;
using IdP.Data;

namespace IdP.Server.Configuration;

/// <summary>
/// Top-level settings of the provider, bound from the <c>IdP</c> section
/// (environment variables <c>IdP__Issuer</c>, <c>IdP__Database__Provider</c>, …).
/// </summary>
public sealed class IdPOptions
{
    public const string SectionName = "IdP";

    /// <summary>
    /// The issuer URL (e.g. <c>https://login.example.com/</c>). Required whenever a database is configured; its host is
    /// the only <c>Host</c> the server answers (unless <c>AllowedHosts</c> is set) and the host in the SMS's
    /// origin-bound line. Empty only in the embedded default, where the issuer is derived from each request.
    /// </summary>
    [Url]
    public string? Issuer { get; set; }

    /// <summary>
    /// Where the SQLite file and other local state live. Relative paths are resolved against the
    /// content root. The server and the command line use the same one.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Refuse plain-http requests to the protocol endpoints and mark cookies Secure. Defaults to on,
    /// except in the embedded default and when <see cref="Issuer"/> is an http URL. Turn off only
    /// for local development or tests; behind a TLS-terminating proxy enable forwarded headers instead.
    /// </summary>
    public bool? RequireHttps { get; set; }

    public DatabaseOptions Database { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public DataProtectionSettings DataProtection { get; set; } = new();

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public TokenLifetimeOptions Tokens { get; set; } = new();

    public LockoutSettings Lockout { get; set; } = new();

    /// <summary>Name of the folder under <c>themes/</c> the hosted pages are rendered with.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9_-]{0,63}$", ErrorMessage = "IdP:Theme must be a folder name under themes/ (lowercase letters, digits, '-' or '_').")]
    public string Theme { get; set; } = "default";
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Connection string. Optional for SQLite (defaults to <c>idp.db</c> in the data directory);
    /// required for PostgreSQL.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending migrations when the server starts. Defaults to on for SQLite and off for
    /// PostgreSQL, where <c>migrate</c> is run as a deployment step.
    /// </summary>
    public bool? MigrateOnStart { get; set; }
}

public sealed class DemoOptions
{
    /// <summary>
    /// Seed the demo user and demo client, serve the demo relying party at <c>/demo</c> and run the built-in SMSC
    /// simulator with <c>/dev/sms</c>. Unset: on only in the embedded default (SQLite without a connection string)
    /// while the server listens on loopback only. <c>true</c> forces it anywhere (with a warning in the log).
    /// </summary>
    public bool? Enabled { get; set; }
}

public sealed class ForwardedHeadersSettings
{
    /// <summary>Honour X-Forwarded-For/Proto/Host from a reverse proxy.</summary>
    public bool Enabled { get; set; }

    /// <summary>Proxy addresses trusted to send forwarded headers (default: loopback only).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

public sealed class TokenLifetimeOptions
{
    /// <summary>Authorization code lifetime; at most 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:05:00", ErrorMessage = "IdP:Tokens:AuthorizationCodeLifetime must be between 10 seconds and 5 minutes.")]
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "IdP:Tokens:AccessTokenLifetime must be between 1 minute and 1 day.")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "IdP:Tokens:IdentityTokenLifetime must be between 1 minute and 1 day.")]
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Absolute refresh token lifetime (ASVS 10.4.8).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00", ErrorMessage = "IdP:Tokens:RefreshTokenLifetime must be between 5 minutes and 90 days.")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
}

public sealed class LockoutSettings
{
    [Range(3, 100, ErrorMessage = "IdP:Lockout:MaxFailedAttempts must be between 3 and 100.")]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "IdP:Lockout:Duration must be between 1 minute and 1 day.")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
