namespace IdP.Server.Pages.Portal;

/// <summary>The "add a phone" form.</summary>
public sealed class AddPhoneInput
{
    /// <summary>ISO 3166 region a national number is read in (a number starting with + ignores it).</summary>
    public string? Region { get; set; }

    public string? Number { get; set; }

    public string? Nickname { get; set; }
}
