using Microsoft.Extensions.Options;

namespace IdP.Smpp.Hosting;

/// <summary>Validates <see cref="SmppClientOptions"/> at start-up with operator-readable messages.</summary>
public sealed class SmppClientOptionsValidator : IValidateOptions<SmppClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SmppClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.GetErrors();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
