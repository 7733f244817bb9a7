using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.OpenId;

/// <summary>
/// OpenIddict always writes <c>claims_parameter_supported: false</c> as it applies the discovery
/// response; IdP does read the <c>claims</c> parameter (for an essential acr, OIDC Core 5.5.1.1),
/// so it says so here, after OpenIddict.
/// </summary>
public sealed class ClaimsParameterSupportHandler : IOpenIddictServerHandler<ApplyConfigurationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyConfigurationResponseContext>()
            .UseSingletonHandler<ClaimsParameterSupportHandler>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyConfigurationResponseContext context)
    {
        if (context.Response.Error is null && context.Response.HasParameter("issuer"))
        {
            context.Response["claims_parameter_supported"] = true;
        }

        return ValueTask.CompletedTask;
    }
}
