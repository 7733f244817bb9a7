using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace IdP.Server.Keys;

/// <summary>Hands the persisted keys to OpenIddict when its options are first built.</summary>
internal sealed class ConfigureServerKeys(ServerKeyRing ring) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        foreach (var credentials in ring.SigningCredentials)
        {
            options.SigningCredentials.Add(credentials);
        }

        foreach (var credentials in ring.EncryptionCredentials)
        {
            options.EncryptionCredentials.Add(credentials);
        }
    }
}
