using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using OpenIddict.Abstractions;

namespace IdP.Server.OpenId;

/// <summary>
/// What an authorization request, its client and the server's settings demand of the acr, computed the same way
/// wherever it is needed (the authorization endpoint, the method chooser): the resolution, and whether the method
/// chooser may stand in for it.
/// </summary>
/// <param name="Resolution">The acr to run (or the OAuth error).</param>
/// <param name="ChooserApplies">The person may pick the method (see <see cref="AcrResolver.ChooserApplies"/>).</param>
public sealed record AcrDemand(AcrResolution Resolution, bool ChooserApplies)
{
    public static AcrDemand Of(OpenIddictRequest request, ClientInfo client, EngineSnapshot snapshot)
    {
        var (voluntary, essential) = AcrRequestReader.Read(request);
        var resolution = AcrResolver.Resolve(voluntary, essential, client.AcrPolicy, snapshot.DefaultAcr, snapshot.Catalog);
        return new AcrDemand(resolution, AcrResolver.ChooserApplies(snapshot.MethodChooser, resolution, client.AcrPolicy, snapshot.Catalog));
    }
}
