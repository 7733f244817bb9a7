using Microsoft.Extensions.Options;

namespace IdP.Server.Security;

/// <summary>Checks <see cref="RateLimitOptions"/> at start, with messages an operator can act on.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public const int MaxPermitLimit = 1_000_000;

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(RateLimitOptions.PasswordStep), options.PasswordStep);
        Check(failures, nameof(RateLimitOptions.FlowStart), options.FlowStart);
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static void Check(List<string> failures, string rule, RateLimitRule? limit)
    {
        var key = $"{RateLimitOptions.SectionName}:{rule}";
        if (limit is null)
        {
            failures.Add($"{key} is missing. Set {key}:PermitLimit and {key}:Window, or remove the section to use the defaults.");
            return;
        }

        if (limit.PermitLimit < 1 || limit.PermitLimit > MaxPermitLimit)
        {
            failures.Add($"{key}:PermitLimit {limit.PermitLimit} must be between 1 and {MaxPermitLimit} (requests per client address per window).");
        }

        if (limit.Window < TimeSpan.FromSeconds(1) || limit.Window > TimeSpan.FromHours(1))
        {
            failures.Add($"{key}:Window {limit.Window} must be between 00:00:01 and 01:00:00.");
        }
    }
}
