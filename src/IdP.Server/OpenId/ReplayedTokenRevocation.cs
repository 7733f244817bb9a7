using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlerFilters;

namespace IdP.Server.OpenId;

/// <summary>
/// A redeemed authorization code or refresh token presented again revokes its whole family. OpenIddict
/// revokes the tokens that exist at that moment but leaves the authorization valid, so tokens that a
/// racing redemption of the same code or refresh token mints a few milliseconds later survive. Just
/// before OpenIddict's check, this revokes the authorization as well (<see cref="TokenFamily.RevokeAsync"/>):
/// every token issued under it, now or later, then fails validation. OpenIddict then rejects the
/// request as before. The server allows no refresh-token reuse window, so every replay counts.
/// </summary>
public sealed partial class ReplayedTokenRevocation(TokenFamily family, ILogger<ReplayedTokenRevocation> logger) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .AddFilter<RequireDegradedModeDisabled>()
            .AddFilter<RequireTokenStorageEnabled>()
            .AddFilter<RequireTokenIdResolved>()
            .UseScopedHandler<ReplayedTokenRevocation>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        var principal = context.Principal;
        if (principal is null || string.IsNullOrEmpty(context.TokenId) || string.IsNullOrEmpty(context.AuthorizationId)
            || !(principal.HasTokenType(TokenTypeIdentifiers.RefreshToken) || principal.HasTokenType(TokenTypeIdentifiers.Private.AuthorizationCode)))
        {
            return;
        }

        if (await family.StatusAsync(context.TokenId, context.CancellationToken) != Statuses.Redeemed)
        {
            return;
        }

        var revoked = await family.RevokeAsync(context.AuthorizationId, context.CancellationToken);
        LogReplay(logger, principal.GetTokenType() ?? "-", context.AuthorizationId, revoked);
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "A redeemed {TokenType} was presented again: authorization {AuthorizationId} and its {Count} tokens revoked.")]
    private static partial void LogReplay(ILogger logger, string tokenType, string authorizationId, int count);
}
