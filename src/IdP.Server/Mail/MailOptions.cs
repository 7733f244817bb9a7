namespace IdP.Server.Mail;

/// <summary>
/// The mail relay that carries account notices (section <c>IdP:Mail</c>, e.g. <c>IdP__Mail__Host</c>). Without a
/// <see cref="Host"/> no mail is sent: the server says so once at start, and every e-mail notice is recorded in the
/// audit log as not sent.
/// </summary>
public sealed class MailOptions
{
    public const string SectionName = "IdP:Mail";

    /// <summary>The SMTP relay's host name or address; empty: mail is off.</summary>
    public string? Host { get; set; }

    /// <summary>Default by <see cref="Security"/>: 587 (StartTls), 465 (SslOnConnect), 25 (None).</summary>
    public int? Port { get; set; }

    /// <summary>How the connection is protected; StartTls (required, not opportunistic) by default.</summary>
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    /// <summary>For SMTP AUTH; with <see cref="Password"/>, or neither.</summary>
    public string? Username { get; set; }

    /// <summary>Never logged; set it from a secret store or an environment variable, not appsettings.json.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address (envelope and From header), e.g. <c>idp@example.com</c>.</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "IdP";

    /// <summary>For connect, TLS, AUTH and the send together.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// SHA-256 fingerprint (hex, colons allowed) of the relay's certificate, for a relay whose certificate no public
    /// authority signed (e.g. self-signed inside the network): that certificate, and only it, is then accepted.
    /// Without it the certificate must be valid for <see cref="Host"/> as usual.
    /// </summary>
    public string? ServerCertificateSha256 { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port ?? Security switch
    {
        MailSecurity.SslOnConnect => 465,
        MailSecurity.None => 25,
        _ => 587,
    };

    /// <summary>The pin without separators, upper case; null when not set.</summary>
    public string? NormalizedPin =>
        string.IsNullOrWhiteSpace(ServerCertificateSha256) ? null : ServerCertificateSha256.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}

/// <summary>How the SMTP connection is protected.</summary>
public enum MailSecurity
{
    /// <summary>Plain text (only towards a relay on this machine or a trusted network; no password then).</summary>
    None,

    /// <summary>Plain connect, then STARTTLS, which the relay must offer (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte, "implicit TLS" / SMTPS (port 465).</summary>
    SslOnConnect,
}
