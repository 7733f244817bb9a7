using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>
/// Where a browser ends up after following the IdP's own redirects: a page of the IdP, or a
/// redirect that leaves the IdP (to a relying party's redirect_uri), which is not followed.
/// </summary>
public sealed partial record Landing(HttpStatusCode Status, Uri Url, string Html, Uri? ExternalRedirect, HttpResponseMessage Response)
{
    public bool IsLoginPage => ExternalRedirect is null && Status == HttpStatusCode.OK && Url.AbsolutePath == "/account/login";

    public bool IsConsentPage => ExternalRedirect is null && Status == HttpStatusCode.OK && Url.AbsolutePath == "/consent";

    /// <summary>The query parameters of the redirect to the relying party.</summary>
    public IReadOnlyDictionary<string, string> Callback => ExternalRedirect is null
        ? throw new InvalidOperationException($"Expected a redirect to the relying party but landed on {Url} ({(int)Status}):\n{Shorten(Html)}")
        : QueryHelpers.ParseQuery(ExternalRedirect.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>The decoded text content of the element with this id, or null.</summary>
    public string? ElementText(string id)
    {
        var match = Regex.Match(Html, $"<(?<tag>[a-z0-9]+)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(?<text>.*?)</\\k<tag>>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(StripTags().Replace(match.Groups["text"].Value, "")).Trim() : null;
    }

    public bool HasElement(string id) => Html.Contains($"id=\"{id}\"", StringComparison.Ordinal);

    /// <summary>The value attribute of the input with this id or name, or null.</summary>
    public string? InputValue(string idOrName)
    {
        foreach (Match input in InputTag().Matches(Html))
        {
            var tag = input.Value;
            if (tag.Contains($"id=\"{idOrName}\"", StringComparison.Ordinal) || tag.Contains($"name=\"{idOrName}\"", StringComparison.Ordinal))
            {
                var value = Regex.Match(tag, "\\bvalue=\"(?<v>[^\"]*)\"");
                return value.Success ? WebUtility.HtmlDecode(value.Groups["v"].Value) : "";
            }
        }

        return null;
    }

    public string? AntiforgeryToken => InputValue("__RequestVerificationToken");

    public override string ToString() => ExternalRedirect is null ? $"{(int)Status} {Url}" : $"redirect to {ExternalRedirect}";

    internal static string Shorten(string html) => html.Length > 2000 ? html[..2000] + "…" : html;

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InputTag();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex StripTags();
}
