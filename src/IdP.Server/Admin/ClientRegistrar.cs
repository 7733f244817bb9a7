using IdP.Data;
using IdP.Data.Entities;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.Admin;

/// <summary>
/// Registers relying parties after validating everything first, so that bad input changes
/// nothing. Shared by the command line and seeding (and later the admin console).
/// </summary>
public sealed class ClientRegistrar(IOpenIddictApplicationManager applications, IdPDbContext db, TimeProvider time)
{
    public static readonly IReadOnlySet<string> SupportedScopes =
        new HashSet<string>(StringComparer.Ordinal) { "openid", "profile", "email", "phone", "offline_access", AdminConsole.Scope };

    /// <summary>Returns the problems with <paramref name="spec"/>; empty when it can be registered.</summary>
    /// <param name="spec">The client.</param>
    /// <param name="secretRequired">False when updating a confidential client that keeps its current secret.</param>
    public static IReadOnlyList<string> Validate(ClientSpec spec, bool secretRequired = true)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.ClientId) || spec.ClientId.Length > 100 || spec.ClientId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add("--client-id is required: up to 100 characters, no spaces.");
        }

        if (spec.Public && spec.Secret is not null)
        {
            errors.Add("A --public client cannot have a --secret.");
        }

        if (!spec.Public && secretRequired && string.IsNullOrEmpty(spec.Secret))
        {
            errors.Add("A confidential client needs --secret (or add --public for a browser or native app).");
        }

        if (!spec.Public && spec.Secret is { Length: < 32 })
        {
            errors.Add("--secret must be at least 32 characters (use a generated random value, e.g. `openssl rand -base64 32`).");
        }

        if (spec.Public && !spec.RequirePkce)
        {
            errors.Add("PKCE cannot be turned off for a public client (RFC 9700 §2.1.1).");
        }

        if (spec.Public && spec.AllowClientCredentials)
        {
            errors.Add("A public client cannot use the client_credentials grant.");
        }

        foreach (var acr in spec.DefaultAcrValues.Concat(spec.AllowedAcrs).Where(a => a.Length > 400 || a.Any(char.IsWhiteSpace)))
        {
            errors.Add($"acr value '{acr}' is not valid (no spaces, at most 400 characters).");
        }

        if (spec.Consent is not ("explicit" or "implicit"))
        {
            errors.Add($"--consent must be 'explicit' or 'implicit', not '{spec.Consent}'.");
        }

        foreach (var scope in spec.Scopes.Where(s => !SupportedScopes.Contains(s)))
        {
            errors.Add($"Unknown scope '{scope}'. Supported: {string.Join(' ', SupportedScopes)}.");
        }

        // The admin API's scope: only for a confidential client using the client credentials grant (never a user's token).
        if (spec.Scopes.Contains(AdminConsole.Scope) && (spec.Public || !spec.AllowClientCredentials))
        {
            errors.Add($"The scope '{AdminConsole.Scope}' is only for confidential clients with --client-credentials.");
        }

        if (spec.RedirectUris.Count == 0 && !spec.AllowClientCredentials)
        {
            errors.Add("At least one --redirect-uri is required.");
        }

        foreach (var uri in spec.RedirectUris.Concat(spec.PostLogoutRedirectUris))
        {
            if (ValidateRedirectUri(uri) is { } problem)
            {
                errors.Add(problem);
            }
        }

        return errors;
    }

    /// <summary>RFC 9700 §2.1 / OIDC Core 3.1.2.1: absolute, no fragment; http only for loopback.</summary>
    public static string? ValidateRedirectUri(string uri)
    {
        // Uri parses "/cb" as file:///cb on Unix: require an explicit scheme in the text itself.
        if (!uri.Contains("://", StringComparison.Ordinal) && !uri.Contains(':', StringComparison.Ordinal) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || uri.StartsWith('/'))
        {
            return $"Redirect URI '{uri}' is not an absolute URI.";
        }

        if (!string.IsNullOrEmpty(parsed.Fragment))
        {
            return $"Redirect URI '{uri}' must not contain a fragment.";
        }

        if (parsed.Scheme == Uri.UriSchemeHttp && !parsed.IsLoopback)
        {
            return $"Redirect URI '{uri}' uses http for a non-loopback host; use https.";
        }

        if (parsed.Scheme is "javascript" or "data" or "file" or "vbscript")
        {
            return $"Redirect URI '{uri}' uses a forbidden scheme.";
        }

        return null;
    }

    /// <summary>Registers the client; throws <see cref="ArgumentException"/> with every problem when invalid.</summary>
    public async Task CreateAsync(ClientSpec spec, CancellationToken ct)
    {
        var errors = Validate(spec).ToList();
        if (errors.Count == 0 && await applications.FindByClientIdAsync(spec.ClientId, ct) is not null)
        {
            errors.Add($"A client with id '{spec.ClientId}' already exists.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }

        var descriptor = new OpenIddictApplicationDescriptor { ClientId = spec.ClientId, ClientSecret = spec.Public ? null : spec.Secret };
        Describe(spec, descriptor);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await applications.CreateAsync(descriptor, ct);
        db.ClientSettings.Add(new ClientSettings
        {
            ClientId = spec.ClientId,
            CreatedAt = time.GetUtcNow(),
            DefaultAcrValues = spec.DefaultAcrValues.Count > 0 ? string.Join(' ', spec.DefaultAcrValues) : null,
            AllowedAcrs = spec.AllowedAcrs.Count > 0 ? string.Join(' ', spec.AllowedAcrs) : null,
            MinimumAcrLevel = spec.MinimumAcrLevel,
            RaiseToMinimumLevel = !spec.RefuseBelowMinimum,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Writes everything but the id and the secret of <paramref name="spec"/> into <paramref name="descriptor"/>:
    /// type, consent, URIs, permissions (endpoints, grants, scopes) and the PKCE requirement. Used to
    /// register a client and to update one (the collections are replaced, not merged).
    /// </summary>
    public static void Describe(ClientSpec spec, OpenIddictApplicationDescriptor descriptor)
    {
        descriptor.ClientType = spec.Public ? ClientTypes.Public : ClientTypes.Confidential;
        descriptor.ConsentType = spec.Consent == "implicit" ? ConsentTypes.Implicit : ConsentTypes.Explicit;
        descriptor.DisplayName = string.IsNullOrWhiteSpace(spec.DisplayName) ? spec.ClientId : spec.DisplayName.Trim();
        descriptor.RedirectUris.Clear();
        descriptor.PostLogoutRedirectUris.Clear();
        descriptor.Permissions.Clear();
        descriptor.Requirements.Clear();
        foreach (var uri in spec.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        foreach (var uri in spec.PostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation]);
        if (!spec.Public)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        if (spec.RedirectUris.Count > 0)
        {
            descriptor.Permissions.UnionWith([
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
            ]);
            if (spec.Scopes.Contains("offline_access"))
            {
                descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
            }
        }

        if (spec.AllowClientCredentials)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        foreach (var scope in spec.Scopes.Where(s => s != "openid"))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        if (spec.RequirePkce)
        {
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }
    }
}
