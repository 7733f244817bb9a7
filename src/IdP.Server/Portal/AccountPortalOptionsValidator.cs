using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace IdP.Server.Portal;

/// <summary>Cross-field rules of <see cref="AccountPortalOptions"/>, checked at start.</summary>
internal sealed class AccountPortalOptionsValidator : IValidateOptions<AccountPortalOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountPortalOptions options)
    {
        var failures = new List<string>();
        var regions = PhoneNumberUtil.GetInstance().GetSupportedRegions();
        if (string.IsNullOrEmpty(options.DefaultRegion) || !regions.Contains(options.DefaultRegion.ToUpperInvariant()))
        {
            failures.Add($"IdP:Account:DefaultRegion '{options.DefaultRegion}' is not a region phone numbers can be read in. Use an ISO 3166 code such as DE, FR, GB or US.");
        }

        if (options.ChangeWindow < TimeSpan.FromSeconds(10) || options.ChangeWindow > TimeSpan.FromDays(1))
        {
            failures.Add($"IdP:Account:ChangeWindow {options.ChangeWindow} must be between 00:00:10 and 1.00:00:00.");
        }

        if (!Enum.IsDefined(options.LastPhoneRemoval))
        {
            failures.Add("IdP:Account:LastPhoneRemoval must be Block or Allow.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
