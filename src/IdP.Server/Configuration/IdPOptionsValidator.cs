using IdP.Data;
using Microsoft.Extensions.Options;

namespace IdP.Server.Configuration;

/// <summary>Cross-field rules of <see cref="IdPOptions"/>, with messages an operator can act on.</summary>
internal sealed class IdPOptionsValidator : IValidateOptions<IdPOptions>
{
    public ValidateOptionsResult Validate(string? name, IdPOptions options)
    {
        var failures = new List<string>();
        if (options.Database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.Database.ConnectionString))
        {
            failures.Add("IdP:Database:Provider is Postgres but IdP:Database:ConnectionString is empty. Set IdP__Database__ConnectionString, e.g. \"Host=db;Database=idp;Username=idp;Password=...\".");
        }

        if (string.IsNullOrEmpty(options.Issuer))
        {
            // Without an issuer every URL in discovery, every iss and the SMS's origin line would follow the request's
            // Host header, which the client chooses: only the embedded default (nothing configured) may run so.
            if (!IdPEnvironment.IsEmbedded(options))
            {
                failures.Add("IdP:Issuer is required when a database is configured: set IdP__Issuer to the public URL clients use, " +
                    "e.g. https://login.example.com/. It becomes iss in every token, the only Host the server answers to, and the host in SMS codes.");
            }
        }
        else
        {
            if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) || (issuer.Scheme != Uri.UriSchemeHttps && issuer.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"IdP:Issuer '{options.Issuer}' is not an absolute http(s) URL. Use the public URL of the provider, e.g. https://login.example.com/.");
            }
            else if (!string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
            {
                failures.Add("IdP:Issuer must not contain a query or fragment (OpenID Connect Discovery 1.0, section 3).");
            }
        }

        foreach (var proxy in options.ForwardedHeaders.KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"IdP:ForwardedHeaders:KnownProxies contains '{proxy}', which is not an IP address.");
            }
        }

        foreach (var network in options.ForwardedHeaders.KnownNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out _))
            {
                failures.Add($"IdP:ForwardedHeaders:KnownNetworks contains '{network}', which is not a CIDR network such as 10.0.0.0/8.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
