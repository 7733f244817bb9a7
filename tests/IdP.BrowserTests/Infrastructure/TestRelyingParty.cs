using System.Text.Json;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace IdP.BrowserTests.Infrastructure;

/// <summary>
/// A relying party registered for one test (public, PKCE, implicit consent) whose redirect URI is a closed loopback
/// port: the browser's request to it is caught, and the code is redeemed and the id_token validated here.
/// </summary>
public sealed class TestRelyingParty(IdPServer server, TestClient client)
{
    public const string RedirectUri = "http://127.0.0.1:9/callback";

    public TestClient Client => client;

    /// <param name="server">The IdP.</param>
    /// <param name="configure">More client settings (e.g. acr rules), applied after the redirect URI.</param>
    public static async Task<TestRelyingParty> RegisterAsync(IdPServer server, Action<IdP.Server.Admin.ClientSpec>? configure = null) =>
        new(server, await server.CreateClientAsync(spec =>
        {
            spec.RedirectUris = [RedirectUri];
            configure?.Invoke(spec);
        }));

    /// <summary>A code flow request, with <c>acr_values</c> when given.</summary>
    public AuthorizeRequest NewRequest(string? acrValues = null) => new()
    {
        ClientId = client.ClientId,
        RedirectUri = RedirectUri,
        Extra = acrValues is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["acr_values"] = acrValues },
    };

    /// <summary>Opens the authorization endpoint in the browser (the IdP then shows its sign-in).</summary>
    public async Task StartAsync(IPage page, AuthorizeRequest request) => await page.GotoAsync(server.Origin + request.ToPathAndQuery());

    /// <summary>Runs <paramref name="lastStep"/> (the click that finishes the sign-in), catches the redirect, redeems the code and returns the id_token's claims.</summary>
    public async Task<JsonElement> CompleteAsync(IPage page, AuthorizeRequest request, Func<Task> lastStep)
    {
        var callback = page.WaitForRequestAsync(r => r.Url.StartsWith(RedirectUri, StringComparison.Ordinal), new PageWaitForRequestOptions { Timeout = 60_000 });
        await lastStep();
        var query = QueryHelpers.ParseQuery(new Uri((await callback).Url).Query);
        Assert.True(query.ContainsKey("code"), "The IdP answered with an error: " + string.Join("&", query.Select(q => $"{q.Key}={q.Value}")));

        using var oidc = server.CreateOidcClient();
        var tokens = await oidc.ExchangeCodeAsync(client, query["code"].ToString(), request.CodeVerifier);
        Assert.True(tokens.IsSuccess, tokens.ToString());
        return await oidc.ValidateJwtAsync(tokens.IdToken, client.ClientId);
    }
}
