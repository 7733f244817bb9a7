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
        identity.SetDestinations(GetDestinations);
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
        return new AuthenticationFacts(DateTimeOffset.FromUnixTimeSeconds(seconds), acr, amr);
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
