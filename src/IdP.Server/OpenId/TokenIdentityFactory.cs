using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using IdP.Data.Entities;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.OpenId;

/// <summary>
/// The one place that turns a user and an authentication event into the identity OpenIddict
/// issues tokens from, and decides which claim goes into which token.
/// </summary>
public static class TokenIdentityFactory
{
    /// <summary>Claims fixed at authentication time that must survive refreshes (RFC 9470 §6.1).</summary>
    private static readonly string[] AuthenticationClaims = [Claims.AuthenticationContextReference, Claims.AuthenticationMethodReference, Claims.AuthenticationTime];

    /// <summary>Keeps the names of script-added claims in codes and refresh tokens (no destination), so refresh re-issues them.</summary>
    private const string ScriptClaimNames = "idp_script_claims";

    /// <summary>Claims a script may never set: the protocol's own and the ones this factory decides.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        Claims.Subject, Claims.Issuer, Claims.Audience, Claims.ExpiresAt, Claims.IssuedAt, Claims.NotBefore, Claims.JwtId,
        Claims.Nonce, Claims.AuthenticationContextReference, Claims.AuthenticationMethodReference, Claims.AuthenticationTime,
        Claims.AuthorizedParty, Claims.Scope, Claims.ClientId, Claims.Name, Claims.PreferredUsername, Claims.Email,
        Claims.EmailVerified, Claims.PhoneNumber, Claims.PhoneNumberVerified, ScriptClaimNames,
    };

    public static ClaimsIdentity Create(IdPUser user, AuthenticationFacts facts, ImmutableArray<string> scopes)
    {
        var identity = new ClaimsIdentity(
            authenticationType: "IdP",
            nameType: Claims.Name,
            roleType: Claims.Role);

        identity.SetClaim(Claims.Subject, user.Id);
        identity.SetClaim(Claims.AuthenticationTime, facts.AuthTime.ToUnixTimeSeconds());
        identity.SetClaim(Claims.AuthenticationContextReference, facts.Acr);

        // RFC 8176: amr is always a JSON array, even with a single method.
        identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, JsonSerializer.Serialize(facts.Amr), JsonClaimValueTypes.JsonArray));

        var added = facts.ScriptClaims.Where(c => !Reserved.Contains(c.Key) && !c.Key.StartsWith("oi_", StringComparison.Ordinal)).ToList();
        foreach (var (name, value) in added)
        {
            identity.SetClaim(name, value);
        }

        if (added.Count > 0)
        {
            identity.SetClaim(ScriptClaimNames, string.Join(' ', added.Select(c => c.Key)));
        }

        if (scopes.Contains(Scopes.Profile))
        {
            identity.SetClaim(Claims.Name, user.DisplayName ?? user.UserName);
            identity.SetClaim(Claims.PreferredUsername, user.UserName);
        }

        if (scopes.Contains(Scopes.Email) && !string.IsNullOrEmpty(user.Email))
        {
            identity.SetClaim(Claims.Email, user.Email);
            identity.SetClaim(Claims.EmailVerified, user.EmailConfirmed);
        }

        // Only a verified number is ever released (Gluu: phoneNumberVerified).
        if (scopes.Contains(Scopes.Phone) && user.PhoneNumberConfirmed && !string.IsNullOrEmpty(user.PhoneNumber))
        {
            identity.SetClaim(Claims.PhoneNumber, user.PhoneNumber);
            identity.SetClaim(Claims.PhoneNumberVerified, true);
        }

        identity.SetScopes(scopes);
        var scriptClaims = added.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        identity.SetDestinations(claim => scriptClaims.Contains(claim.Type) ? [Destinations.AccessToken, Destinations.IdentityToken] : GetDestinations(claim));
        return identity;
    }

    /// <summary>Reads the authentication facts back from a code or refresh token principal.</summary>
    public static AuthenticationFacts? ReadFacts(ClaimsPrincipal principal)
    {
        var acr = principal.GetClaim(Claims.AuthenticationContextReference);
        var authTime = principal.GetClaim(Claims.AuthenticationTime);
        if (string.IsNullOrEmpty(acr) || !long.TryParse(authTime, out var seconds))
        {
            return null;
        }

        var amrClaims = principal.GetClaims(Claims.AuthenticationMethodReference);
        var amr = amrClaims.SelectMany(ParseAmr).ToArray();
        var names = principal.GetClaim(ScriptClaimNames)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var scriptClaims = names
            .Select(n => (Name: n, Value: principal.GetClaim(n)))
            .Where(c => c.Value is not null)
            .ToDictionary(c => c.Name, c => c.Value!, StringComparer.Ordinal);
        return new AuthenticationFacts(DateTimeOffset.FromUnixTimeSeconds(seconds), acr, amr) { ScriptClaims = scriptClaims };
    }

    public static ClaimsIdentity CreateForClient(string clientId, ImmutableArray<string> scopes)
    {
        var identity = new ClaimsIdentity("IdP", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetScopes(scopes);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return identity;
    }

    private static IEnumerable<string> ParseAmr(string value) =>
        value.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(value) ?? [] : [value];

    private static IEnumerable<string> GetDestinations(Claim claim)
    {
        switch (claim.Type)
        {
            case Claims.Subject:
                yield return Destinations.AccessToken;
                yield return Destinations.IdentityToken;
                break;
            // RFC 9470 §6: acr and auth_time go into access tokens as well as id_tokens.
            case var type when AuthenticationClaims.Contains(type):
                yield return Destinations.AccessToken;
                yield return Destinations.IdentityToken;
                break;
            case Claims.Name or Claims.PreferredUsername or Claims.Email or Claims.EmailVerified
                or Claims.PhoneNumber or Claims.PhoneNumberVerified:
                yield return Destinations.IdentityToken;
                break;
        }
    }
}
