using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Acr;

/// <summary>Drives the test plugin's two steps (password, then code) through the hosted pages.</summary>
internal static class AcrFlows
{
    public const string RightCode = "246810";

    /// <summary>Posts the code step (field <c>Input.Code</c>) with its antiforgery token.</summary>
    public static async Task<Landing> SubmitCodeAsync(this OidcTestClient client, Landing codePage, string code)
    {
        Assert.True(codePage.IsLoginPage && codePage.HasElement("Input_Code"), $"Expected the code step, got {codePage}:\n{Landing.Shorten(codePage.Html)}");
        var form = new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["__RequestVerificationToken"] = codePage.AntiforgeryToken ?? throw new InvalidOperationException("No antiforgery token."),
        };
        var response = await client.Http.PostAsync(codePage.Url.PathAndQuery, new FormUrlEncodedContent(form));
        if ((int)response.StatusCode is 302 or 303)
        {
            return await client.NavigateAsync(response.Headers.Location!.ToString());
        }

        return new Landing(response.StatusCode, codePage.Url, await response.Content.ReadAsStringAsync(), null, response);
    }

    /// <summary>Password then code, from the authorization request to the relying party.</summary>
    public static async Task<Landing> SignInWithCodeAsync(this OidcTestClient client, AuthorizeRequest request, TestUser user)
    {
        var landing = await client.AuthorizeAsync(request);
        Assert.True(landing.IsLoginPage, $"Expected the login page, got {landing}");
        landing = await client.SubmitLoginAsync(landing, user.Username, user.Password);
        return await client.SubmitCodeAsync(landing, RightCode);
    }
}
