using System.Security.Cryptography;
using IdP.Authentication.Audit;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.OpenId;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.Admin;

/// <summary>
/// Relying parties for the console and the API: list, read, create, update, disable, rotate the secret.
/// Registration rules are <see cref="ClientRegistrar"/>'s (the command line's). Edits clear this node's
/// <see cref="ClientDirectory"/> entry at once; other nodes see them within its 30-second cache.
/// </summary>
public sealed class ClientAdministration(
    IOpenIddictApplicationManager applications,
    IOpenIddictTokenManager tokens,
    ClientRegistrar registrar,
    ClientDirectory directory,
    IdPDbContext db,
    AuditLog audit)
{
    /// <summary>A new random secret: 256 bits, base64url (43 characters), shown once.</summary>
    public static string GenerateSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public async Task<IReadOnlyList<ClientView>> ListAsync(CancellationToken ct)
    {
        var result = new List<ClientView>();
        var settings = await db.ClientSettings.AsNoTracking().ToDictionaryAsync(s => s.ClientId, StringComparer.Ordinal, ct);
        var all = await applications.ListAsync(cancellationToken: ct).ToListAsync(ct);
        foreach (var application in all)
        {
            result.Add(await ViewAsync(application, settings, ct));
        }

        return result.OrderBy(c => c.Spec.ClientId, StringComparer.Ordinal).ToList();
    }

    public async Task<ClientView?> FindAsync(string clientId, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(clientId, ct);
        if (application is null)
        {
            return null;
        }

        var settings = await db.ClientSettings.AsNoTracking().Where(s => s.ClientId == clientId).ToDictionaryAsync(s => s.ClientId, StringComparer.Ordinal, ct);
        return await ViewAsync(application, settings, ct);
    }

    /// <summary>Registers a client; a confidential one without a secret gets a generated one. Returns the secret to show once (null for public).</summary>
    public async Task<string?> CreateAsync(AdminActor actor, ClientSpec spec, CancellationToken ct)
    {
        if (!spec.Public && string.IsNullOrEmpty(spec.Secret))
        {
            spec.Secret = GenerateSecret();
        }

        await registrar.CreateAsync(spec, ct);
        await AuditAsync(actor, spec.ClientId, $"created {(spec.Public ? "public" : "confidential")} client '{spec.ClientId}' ({Summary(spec)})", ct);
        return spec.Public ? null : spec.Secret;
    }

    /// <summary>
    /// Replaces a client's registration with <paramref name="spec"/> (its id cannot change). Turning a public
    /// client confidential generates a secret, returned to show once; otherwise the secret is kept.
    /// </summary>
    public async Task<string?> UpdateAsync(AdminActor actor, string clientId, ClientSpec spec, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(clientId, ct) ?? throw new KeyNotFoundException($"No client '{clientId}'.");
        spec.ClientId = clientId;
        var wasPublic = await applications.HasClientTypeAsync(application, ClientTypes.Public, ct);
        string? newSecret = null;
        if (!spec.Public && wasPublic)
        {
            newSecret = spec.Secret = string.IsNullOrEmpty(spec.Secret) ? GenerateSecret() : spec.Secret;
        }
        else if (spec.Public)
        {
            spec.Secret = null;
        }
        else if (!string.IsNullOrEmpty(spec.Secret))
        {
            throw new ArgumentException("Change a secret with 'rotate secret', not with an update.");
        }

        var errors = ClientRegistrar.Validate(spec, secretRequired: newSecret is not null);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, ct);
        ClientRegistrar.Describe(spec, descriptor);
        descriptor.ClientSecret = spec.Public ? null : newSecret ?? descriptor.ClientSecret;

        // A changed secret in the descriptor is hashed by the manager (it compares with the stored value).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await applications.UpdateAsync(application, descriptor, ct);

        var settings = await SettingsAsync(clientId, ct);
        settings.DefaultAcrValues = spec.DefaultAcrValues.Count > 0 ? string.Join(' ', spec.DefaultAcrValues) : null;
        settings.AllowedAcrs = spec.AllowedAcrs.Count > 0 ? string.Join(' ', spec.AllowedAcrs) : null;
        settings.MinimumAcrLevel = spec.MinimumAcrLevel;
        settings.RaiseToMinimumLevel = !spec.RefuseBelowMinimum;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Invalidate(clientId);
        await AuditAsync(actor, clientId, $"updated client '{clientId}' ({Summary(spec)})" + (newSecret is null ? "" : "; generated a secret"), ct);
        return newSecret;
    }

    /// <summary>Disables (no new flows or tokens; its tokens are revoked) or enables a client.</summary>
    public async Task SetDisabledAsync(AdminActor actor, string clientId, bool disabled, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(clientId, ct) ?? throw new KeyNotFoundException($"No client '{clientId}'.");
        var settings = await SettingsAsync(clientId, ct);
        settings.Disabled = disabled;
        await db.SaveChangesAsync(ct);
        var revoked = 0L;
        if (disabled && await applications.GetIdAsync(application, ct) is { } id)
        {
            revoked = await tokens.RevokeByApplicationIdAsync(id, ct);
        }

        directory.Invalidate(clientId);
        await AuditAsync(actor, clientId, disabled ? $"disabled client '{clientId}' (revoked {revoked} token(s))" : $"enabled client '{clientId}'", ct);
    }

    /// <summary>Gives a confidential client a new generated secret (the old one stops working); returns it to show once.</summary>
    public async Task<string> RotateSecretAsync(AdminActor actor, string clientId, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(clientId, ct) ?? throw new KeyNotFoundException($"No client '{clientId}'.");
        if (await applications.HasClientTypeAsync(application, ClientTypes.Public, ct))
        {
            throw new ArgumentException("A public client has no secret.");
        }

        var secret = GenerateSecret();
        await applications.UpdateAsync(application, secret, ct);
        directory.Invalidate(clientId);
        await AuditAsync(actor, clientId, $"rotated the secret of client '{clientId}'", ct);
        return secret;
    }

    private async Task<ClientSettings> SettingsAsync(string clientId, CancellationToken ct)
    {
        var settings = await db.ClientSettings.FirstOrDefaultAsync(s => s.ClientId == clientId, ct);
        if (settings is null)
        {
            db.ClientSettings.Add(settings = new ClientSettings { ClientId = clientId });
        }

        return settings;
    }

    private async Task<ClientView> ViewAsync(object application, IReadOnlyDictionary<string, ClientSettings> settings, CancellationToken ct)
    {
        var clientId = await applications.GetClientIdAsync(application, ct) ?? "";
        var permissions = await applications.GetPermissionsAsync(application, ct);
        var requirements = await applications.GetRequirementsAsync(application, ct);
        var row = settings.GetValueOrDefault(clientId);
        var scopes = permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToList();
        if (permissions.Contains(Permissions.Endpoints.Authorization))
        {
            scopes.Insert(0, Scopes.OpenId);
        }

        var spec = new ClientSpec
        {
            ClientId = clientId,
            DisplayName = await applications.GetDisplayNameAsync(application, ct),
            Public = await applications.HasClientTypeAsync(application, ClientTypes.Public, ct),
            RedirectUris = (await applications.GetRedirectUrisAsync(application, ct)).ToList(),
            PostLogoutRedirectUris = (await applications.GetPostLogoutRedirectUrisAsync(application, ct)).ToList(),
            Consent = await applications.HasConsentTypeAsync(application, ConsentTypes.Implicit, ct) ? "implicit" : "explicit",
            Scopes = scopes,
            RequirePkce = requirements.Contains(Requirements.Features.ProofKeyForCodeExchange),
            AllowClientCredentials = permissions.Contains(Permissions.GrantTypes.ClientCredentials),
            DefaultAcrValues = Split(row?.DefaultAcrValues),
            AllowedAcrs = Split(row?.AllowedAcrs),
            MinimumAcrLevel = row?.MinimumAcrLevel,
            RefuseBelowMinimum = row is not null && !row.RaiseToMinimumLevel,
        };
        return new ClientView(spec, row?.Disabled ?? false, row?.CreatedAt);
    }

    private static List<string> Split(string? values) => values?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];

    private static string Summary(ClientSpec spec) =>
        $"redirect URIs: {string.Join(' ', spec.RedirectUris)}; scopes: {string.Join(' ', spec.Scopes)}; consent {spec.Consent}; " +
        $"PKCE {(spec.RequirePkce ? "required" : "off")}; default acr: {(spec.DefaultAcrValues.Count == 0 ? "-" : string.Join(' ', spec.DefaultAcrValues))}";

    private Task AuditAsync(AdminActor actor, string clientId, string detail, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(AuditEventTypes.AdminChange)
        {
            ActorId = actor.Id,
            ClientId = clientId,
            RemoteAddress = actor.RemoteAddress,
            Detail = "by admin " + actor.Id + ": " + detail,
        }, ct);
}
