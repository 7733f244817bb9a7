using Microsoft.AspNetCore.WebUtilities;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>
/// An authorization request as a relying party builds it: code flow, PKCE S256, state and nonce
/// by default; every part can be changed to build a faulty one.
/// </summary>
public sealed record AuthorizeRequest
{
    public required string ClientId { get; init; }

    public required string RedirectUri { get; init; }

    public string ResponseType { get; init; } = "code";

    public string Scope { get; init; } = "openid profile";

    public string? State { get; init; } = Pkce.NewRandom();

    public string? Nonce { get; init; } = Pkce.NewRandom();

    public string CodeVerifier { get; init; } = Pkce.NewVerifier();

    /// <summary><c>S256</c> (default), <c>plain</c>, or null to send no PKCE at all.</summary>
    public string? CodeChallengeMethod { get; init; } = "S256";

    public string? Prompt { get; init; }

    public int? MaxAge { get; init; }

    public string? LoginHint { get; init; }

    public string? IdTokenHint { get; init; }

    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    public static AuthorizeRequest For(TestClient client, string scope = "openid profile") =>
        new() { ClientId = client.ClientId, RedirectUri = client.RedirectUri, Scope = scope };

    /// <summary>The challenge sent for <see cref="CodeChallengeMethod"/>.</summary>
    public string? CodeChallenge => CodeChallengeMethod switch
    {
        null => null,
        "plain" => CodeVerifier,
        _ => Pkce.S256(CodeVerifier),
    };

    public string ToPathAndQuery()
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = ResponseType,
            ["scope"] = Scope,
        };
        Add(query, "state", State);
        Add(query, "nonce", Nonce);
        Add(query, "code_challenge", CodeChallenge);
        Add(query, "code_challenge_method", CodeChallengeMethod);
        Add(query, "prompt", Prompt);
        Add(query, "max_age", MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(query, "login_hint", LoginHint);
        Add(query, "id_token_hint", IdTokenHint);
        foreach (var (key, value) in Extra)
        {
            query[key] = value;
        }

        return QueryHelpers.AddQueryString("/connect/authorize", query);
    }

    private static void Add(Dictionary<string, string?> query, string name, string? value)
    {
        if (value is not null)
        {
            query[name] = value;
        }
    }
}
