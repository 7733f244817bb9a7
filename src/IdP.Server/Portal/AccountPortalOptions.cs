using System.ComponentModel.DataAnnotations;

namespace IdP.Server.Portal;

/// <summary>The self-service account portal at <c>/account</c> (section <c>IdP:Account</c>).</summary>
public sealed class AccountPortalOptions
{
    public const string SectionName = "IdP:Account";

    /// <summary>
    /// How recent the last active authentication must be before a phone is added or removed (NIST SP 800-63B:
    /// changing the number binds a new authenticator; the post-enrolment binding window is 20 minutes).
    /// </summary>
    [Range(10, 20, ErrorMessage = "IdP:Account:FreshAuthenticationMinutes must be between 10 and 20.")]
    public int FreshAuthenticationMinutes { get; set; } = 15;

    /// <summary>ISO 3166 region preselected in the country picker (national numbers are read in the chosen region).</summary>
    [Required(AllowEmptyStrings = false)]
    public string DefaultRegion { get; set; } = "DE";

    /// <summary>Whether a number that another account already verified may be added (Casa's policy; off by default).</summary>
    public bool AllowNumberVerifiedElsewhere { get; set; }

    /// <summary>What happens when the user removes their last verified number.</summary>
    public LastPhoneRemovalPolicy LastPhoneRemoval { get; set; } = LastPhoneRemovalPolicy.Block;

    /// <summary>How many numbers one account may hold.</summary>
    [Range(1, 20, ErrorMessage = "IdP:Account:MaxPhones must be between 1 and 20.")]
    public int MaxPhones { get; set; } = 5;

    /// <summary>Changes (form posts) one account may make per <see cref="ChangeWindow"/>; the SMS send limits apply on top.</summary>
    [Range(1, 1000, ErrorMessage = "IdP:Account:ChangeLimit must be between 1 and 1000.")]
    public int ChangeLimit { get; set; } = 30;

    /// <summary>Window of <see cref="ChangeLimit"/>.</summary>
    public TimeSpan ChangeWindow { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan FreshAuthentication => TimeSpan.FromMinutes(FreshAuthenticationMinutes);
}
