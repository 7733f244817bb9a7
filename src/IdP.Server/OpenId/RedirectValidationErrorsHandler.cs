using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.OpenId;

/// <summary>
/// OpenIddict checks parameters such as PKCE and scope before it confirms the client and its
/// redirect_uri, so those errors would otherwise end on an error page. RFC 6749 §4.1.2.1 and
/// RFC 7636 §4.4.1 want them returned to the client once the client and the redirect URI are
/// known to be valid. This handler confirms exactly that — the client exists and the
/// redirect_uri is one of its registered values, compared as exact strings — and only then lets
/// the error response be redirected (with state and iss, added by OpenIddict). Unknown clients
/// and unregistered redirect URIs still get the error page and never a redirect.
/// </summary>
public sealed class RedirectValidationErrorsHandler(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseScopedHandler<RedirectValidationErrorsHandler>()
            // After OpenIddict's AttachRedirectUri (int.MinValue + 100_000), before InferResponseMode (+1_000).
            .SetOrder(int.MinValue + 100_500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        var request = context.Request;
        if (!string.IsNullOrEmpty(context.RedirectUri) || request is null || string.IsNullOrEmpty(context.Response.Error)
            || string.IsNullOrEmpty(request.ClientId) || string.IsNullOrEmpty(request.RedirectUri) || !string.IsNullOrEmpty(request.RequestUri)
            || !Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out _))
        {
            return;
        }

        var application = await applications.FindByClientIdAsync(request.ClientId, context.CancellationToken);
        if (application is not null && await applications.ValidateRedirectUriAsync(application, request.RedirectUri, context.CancellationToken))
        {
            context.RedirectUri = request.RedirectUri;
        }
    }
}
