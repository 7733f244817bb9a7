using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Admin;

/// <summary>
/// The admin API's scope is for machines only: it may be granted through the client credentials grant,
/// never through an authorization request (a person's token must not carry it, whatever client asks).
/// </summary>
public sealed class AdminScopeAuthorizationGuard : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<AdminScopeAuthorizationGuard>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (context.Request.HasScope(AdminConsole.Scope))
        {
            context.Reject(Errors.InvalidScope, $"The scope '{AdminConsole.Scope}' is only issued with the client credentials grant.");
        }

        return ValueTask.CompletedTask;
    }
}
