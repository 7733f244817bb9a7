using System.Net;
using MimeKit;
using Microsoft.Extensions.Options;

namespace IdP.Server.Mail;

/// <summary>Checks <see cref="MailOptions"/> at start with messages that name the setting to fix.</summary>
public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = MailOptions.SectionName;
        var errors = new List<string>();
        if (!options.IsConfigured)
        {
            if (!string.IsNullOrWhiteSpace(options.From) || !string.IsNullOrEmpty(options.Username) || !string.IsNullOrEmpty(options.Password))
            {
                errors.Add($"{S} is partly set but {S}:Host is empty: set the host of your mail relay (e.g. IdP__Mail__Host=smtp.example.com), or remove the other {S} settings to run without mail.");
            }

            return Result(errors);
        }

        if (Uri.CheckHostName(options.Host!.Trim()) == UriHostNameType.Unknown)
        {
            errors.Add($"{S}:Host '{options.Host}' is not a host name or address.");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"{S}:Port must be between 1 and 65535 (usually 587 for StartTls, 465 for SslOnConnect).");
        }

        if (!Enum.IsDefined(options.Security))
        {
            errors.Add($"{S}:Security must be StartTls, SslOnConnect or None.");
        }

        if (string.IsNullOrWhiteSpace(options.From) || !MailboxAddress.TryParse(options.From, out var from) || from.Address.IndexOf('@', StringComparison.Ordinal) <= 0)
        {
            errors.Add($"{S}:From must be the sender's e-mail address (e.g. idp@example.com) when {S}:Host is set.");
        }

        if (options.FromName.Length > 100 || options.FromName.Any(char.IsControl))
        {
            errors.Add($"{S}:FromName must be at most 100 characters on one line.");
        }

        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"{S}:Username and {S}:Password go together: set both for SMTP AUTH, or neither.");
        }

        if (options.Security == MailSecurity.None && !string.IsNullOrEmpty(options.Password) && !IsLoopback(options.Host!))
        {
            errors.Add($"{S}:Security is None, so the password would cross the network in plain text: use StartTls or SslOnConnect.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{S}:Timeout must be between 00:00:01 and 00:05:00.");
        }

        if (options.NormalizedPin is { } pin && (pin.Length != 64 || !pin.All(Uri.IsHexDigit)))
        {
            errors.Add($"{S}:ServerCertificateSha256 must be the SHA-256 fingerprint of the relay's certificate: 64 hex digits (colons allowed).");
        }

        if (options.NormalizedPin is not null && options.Security == MailSecurity.None)
        {
            errors.Add($"{S}:ServerCertificateSha256 needs TLS: set {S}:Security to StartTls or SslOnConnect.");
        }

        return Result(errors);
    }

    private static bool IsLoopback(string host) =>
        host.Trim().Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim(), out var ip) && IPAddress.IsLoopback(ip));

    private static ValidateOptionsResult Result(List<string> errors) => errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
