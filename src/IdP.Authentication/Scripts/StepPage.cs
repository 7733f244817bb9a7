namespace IdP.Authentication.Scripts;

/// <summary>
/// What the login controller renders for a step: a page name that the host maps to a themed
/// page (e.g. <c>password</c>, <c>otp</c>) and the data that page shows.
/// </summary>
/// <param name="Page">Page name, resolved by the host (and restyled by themes).</param>
/// <param name="Data">Values the page shows (never secrets).</param>
public sealed record StepPage(string Page, IReadOnlyDictionary<string, string> Data)
{
    public static StepPage Of(string page) => new(page, new Dictionary<string, string>());
}
