using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlerFilters;

namespace IdP.Server.OpenId;

/// <summary>
/// Exactly one redemption of an authorization code or refresh token mints tokens (RFC 9700 §4.14.2,
/// RFC 6749 §4.1.2). OpenIddict 7 marks the entry redeemed with an optimistic update; it ignores a
/// failure for refresh tokens (so parallel redemptions of one refresh token all succeed) and, for
/// codes, refuses the loser without revoking anything. Just before OpenIddict's own redemption, this
/// claims the entry with one conditional update. A request that loses the claim presented an already
/// redeemed token: the family is revoked (<see cref="TokenFamily.RevokeAsync"/>, which also kills the
/// tokens the winning request is about to mint) and the request gets <c>invalid_grant</c>.
/// </summary>
public sealed partial class TokenRedemptionClaim(TokenFamily family, ILogger<TokenRedemptionClaim> logger) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .AddFilter<RequireDegradedModeDisabled>()
            .AddFilter<RequireTokenStorageEnabled>()
            .UseScopedHandler<TokenRedemptionClaim>()
            .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType != OpenIddictServerEndpointType.Token)
        {
            return;
        }

        var authentication = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!);
        ClaimsPrincipal? principal;
        if (context.Request.IsRefreshTokenGrantType())
        {
            principal = authentication?.RefreshTokenPrincipal;
        }
        else if (context.Request.IsAuthorizationCodeGrantType())
        {
            principal = authentication?.AuthorizationCodePrincipal;
        }
        else
        {
            return;
        }

        var tokenId = principal?.GetTokenId();
        if (string.IsNullOrEmpty(tokenId))
        {
            // With token storage on, every code and refresh token has an entry: refuse what cannot be claimed.
            context.Reject(Errors.InvalidGrant, "The grant cannot be redeemed.");
            return;
        }

        if (await family.TryClaimAsync(tokenId, context.CancellationToken))
        {
            return;
        }

        var authorizationId = principal!.GetAuthorizationId();
        var revoked = string.IsNullOrEmpty(authorizationId) ? 0 : await family.RevokeAsync(authorizationId, context.CancellationToken);
        LogRacedRedemption(logger, context.Request.GrantType ?? "-", context.ClientId ?? "-", authorizationId ?? "-", revoked);
        context.Reject(Errors.InvalidGrant, "The grant was already redeemed. The tokens issued from it have been revoked.");
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "A {GrantType} grant of client {ClientId} was redeemed twice at once: authorization {AuthorizationId} and its {Count} tokens revoked.")]
    private static partial void LogRacedRedemption(ILogger logger, string grantType, string clientId, string authorizationId, int count);
}
