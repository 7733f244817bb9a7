using System.Globalization;

namespace IdP.Server.Portal;

/// <summary>How portal pages show times: UTC, to the minute, the same on every node.</summary>
public static class PortalFormat
{
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Iso(DateTimeOffset? value) =>
        value is { } v ? v.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "";

    /// <summary>The method of a sign-in audit event ("acr smpp, amr pwd sms mfa" → "smpp").</summary>
    public static string MethodOf(string? acr) => string.IsNullOrEmpty(acr) ? "—" : acr;
}
