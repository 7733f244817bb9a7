using Microsoft.Extensions.Options;

namespace IdP.Server.Sms;

/// <summary>Checks <see cref="SmppGatewayOptions"/> at start with messages that name the setting to fix.</summary>
public sealed class SmppGatewayOptionsValidator : IValidateOptions<SmppGatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, SmppGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Positive(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{SmppGatewayOptions.SectionName}:{key} must be a positive duration such as 00:00:05.");
            }
        }

        Positive(options.SettingsPollInterval, nameof(options.SettingsPollInterval));
        Positive(options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Positive(options.BindWait, nameof(options.BindWait));
        Positive(options.BindTimeout, nameof(options.BindTimeout));
        Positive(options.ResponseTimeout, nameof(options.ResponseTimeout));
        Positive(options.EnquireLinkInterval, nameof(options.EnquireLinkInterval));
        Positive(options.ReconnectMinDelay, nameof(options.ReconnectMinDelay));
        Positive(options.ReceiptRetryWindow, nameof(options.ReceiptRetryWindow));
        Positive(options.StableBindDuration, nameof(options.StableBindDuration));
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            errors.Add($"{SmppGatewayOptions.SectionName}:ReconnectMaxDelay must not be below ReconnectMinDelay.");
        }

        if (options.CredentialErrorDelay < TimeSpan.Zero)
        {
            errors.Add($"{SmppGatewayOptions.SectionName}:CredentialErrorDelay must not be negative.");
        }

        if (options.WindowSize is < 1 or > 1000)
        {
            errors.Add($"{SmppGatewayOptions.SectionName}:WindowSize must be between 1 and 1000.");
        }

        if (options.ReceiptQueueCapacity is < 1 or > 1_000_000)
        {
            errors.Add($"{SmppGatewayOptions.SectionName}:ReceiptQueueCapacity must be between 1 and 1000000.");
        }

        if (options.MaxTps < 0)
        {
            errors.Add($"{SmppGatewayOptions.SectionName}:MaxTps must be 0 (no limit) or positive.");
        }

        if (options.NodeName is { Length: > 128 })
        {
            errors.Add($"{SmppGatewayOptions.SectionName}:NodeName must be at most 128 characters.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
