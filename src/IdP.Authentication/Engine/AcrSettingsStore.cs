using System.Text.Json;
using IdP.Authentication.Scripts;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace IdP.Authentication.Engine;

/// <summary>
/// Reads and changes the engine's settings in the database: which scripts are enabled, their
/// properties (secrets protected at rest), aliases, the default and admin acr. Reads are cached
/// for <see cref="AuthenticationEngineOptions.SettingsCacheDuration"/>, so a change made on any node
/// (or from the command line) reaches every node within that time, without a restart.
/// </summary>
public sealed class AcrSettingsStore(
    IdPDbContext db,
    ScriptRegistry registry,
    IMemoryCache cache,
    IDataProtectionProvider dataProtection,
    AuthenticationEngineOptions options,
    TimeProvider time)
{
    private const string SnapshotKey = "idp:acr:snapshot";
    private const string SecretPrefix = "dp:";
    private const string BuiltInDefault = "pwd";

    // Bumped by every write on this node: a read that began before a write must not cache what it read
    // (it could otherwise put the old settings back into the cache for a whole cache period).
    private static long s_generation;

    private IDataProtector Protector => dataProtection.CreateProtector("IdP.ScriptSecrets.v1");

    public async Task<EngineSnapshot> GetSnapshotAsync(CancellationToken ct)
    {
        if (cache.TryGetValue(SnapshotKey, out EngineSnapshot? snapshot) && snapshot is not null)
        {
            return snapshot;
        }

        var generation = Interlocked.Read(ref s_generation);
        var rows = await db.AuthenticationScripts.AsNoTracking().ToDictionaryAsync(r => r.Acr, StringComparer.Ordinal, ct);
        var aliases = await db.AcrAliases.AsNoTracking().ToDictionaryAsync(a => a.Alias, a => a.Acr, StringComparer.Ordinal, ct);
        var settings = await db.ServerSettings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, ct);

        var enabled = registry.All
            .Where(s => rows.TryGetValue(s.Script.Acr, out var row) ? row.Enabled : s.Script.Acr == BuiltInDefault)
            .Select(s => s.Script)
            .ToList();
        var catalog = new AcrCatalog(enabled.Select(s => new AcrEntry(s.Acr, s.Level)), aliases);
        var defaultAcr = settings.GetValueOrDefault(ServerSetting.DefaultAcr) ?? options.FallbackDefaultAcr;
        var adminAcr = settings.GetValueOrDefault(ServerSetting.AdminAcr) is { Length: > 0 } storedAdmin
            ? storedAdmin
            : FallbackAdminAcr(enabled, defaultAcr);
        var chooser = settings.GetValueOrDefault(ServerSetting.MethodChooser) == "on";
        snapshot = new EngineSnapshot(catalog, defaultAcr, adminAcr, enabled.Select(s => s.Acr).ToHashSet(StringComparer.Ordinal), chooser)
        {
            StoredProperties = rows.ToDictionary(r => r.Key, r => r.Value.PropertiesJson, StringComparer.Ordinal),
        };
        if (options.SettingsCacheDuration > TimeSpan.Zero && generation == Interlocked.Read(ref s_generation))
        {
            cache.Set(SnapshotKey, snapshot, options.SettingsCacheDuration);
        }

        return snapshot;
    }

    /// <summary>
    /// The script's validated configuration (stored values over defaults, secrets decrypted), from
    /// the cached snapshot: every step of every flow reads it, and the snapshot already holds the rows.
    /// </summary>
    public async Task<ScriptConfiguration> GetConfigurationAsync(IAuthenticationScript script, CancellationToken ct)
    {
        var snapshot = await GetSnapshotAsync(ct);
        return new ScriptConfiguration(script.Properties, ReadProperties(snapshot.StoredProperties.GetValueOrDefault(script.Acr)));
    }

    public async Task SetEnabledAsync(string acr, bool enabled, CancellationToken ct)
    {
        var script = Require(acr);
        if (enabled)
        {
            // Refuse to enable a script whose configuration is incomplete: say what is missing.
            await GetConfigurationAsync(script, ct);
        }
        else
        {
            var snapshot = await LoadFreshSnapshotAsync(ct);
            if (snapshot.DefaultAcr == acr)
            {
                throw new ArgumentException($"'{acr}' is the default or admin acr (the default); choose another default first (acr default set NAME).");
            }

            // An admin acr that was only the fallback moves on by itself; one an admin chose stays until changed.
            if (await db.ServerSettings.AnyAsync(s => s.Key == ServerSetting.AdminAcr && s.Value == acr, ct))
            {
                throw new ArgumentException($"'{acr}' is the default or admin acr (the admin acr); choose another admin acr first (acr admin set NAME).");
            }
        }

        var row = await GetOrAddRowAsync(acr, ct);
        row.Enabled = enabled;
        row.UpdatedAt = time.GetUtcNow();
        await SaveAsync(ct);
    }

    public async Task SetPropertyAsync(string acr, string key, string value, CancellationToken ct)
    {
        var script = Require(acr);
        var definition = script.Properties.FirstOrDefault(p => p.Key == key)
            ?? throw new ArgumentException($"The script '{acr}' has no property '{key}'. Its properties: {string.Join(", ", script.Properties.Select(p => p.Key))}.");
        var (normalised, error) = definition.Check(value);
        if (error is not null)
        {
            throw new ArgumentException(error);
        }

        var row = await GetOrAddRowAsync(acr, ct);
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(row.PropertiesJson) ?? [];
        values[key] = definition.IsSecret ? SecretPrefix + Protector.Protect(normalised!) : normalised!;
        row.PropertiesJson = JsonSerializer.Serialize(values);
        row.UpdatedAt = time.GetUtcNow();
        await SaveAsync(ct);
    }

    public Task SetDefaultAcrAsync(string acr, CancellationToken ct) => SetAcrSettingAsync(ServerSetting.DefaultAcr, acr, ct);

    public Task SetAdminAcrAsync(string acr, CancellationToken ct) => SetAcrSettingAsync(ServerSetting.AdminAcr, acr, ct);

    /// <summary>Turns the method chooser on or off for every node.</summary>
    public async Task SetMethodChooserAsync(bool on, CancellationToken ct)
    {
        var row = await db.ServerSettings.FirstOrDefaultAsync(s => s.Key == ServerSetting.MethodChooser, ct);
        if (row is null)
        {
            db.ServerSettings.Add(row = new ServerSetting { Key = ServerSetting.MethodChooser });
        }

        row.Value = on ? "on" : "off";
        row.UpdatedAt = time.GetUtcNow();
        await SaveAsync(ct);
    }

    public async Task SetAliasAsync(string alias, string acr, CancellationToken ct)
    {
        Require(acr);
        if (registry.Find(alias) is not null)
        {
            throw new ArgumentException($"'{alias}' is already the name of a script.");
        }

        var row = await db.AcrAliases.FirstOrDefaultAsync(a => a.Alias == alias, ct);
        if (row is null)
        {
            db.AcrAliases.Add(new AcrAlias { Alias = alias, Acr = acr });
        }
        else
        {
            row.Acr = acr;
        }

        await SaveAsync(ct);
    }

    /// <summary>Bypasses the cache (for decisions that must see the latest state).</summary>
    public async Task<EngineSnapshot> LoadFreshSnapshotAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref s_generation);
        cache.Remove(SnapshotKey);
        return await GetSnapshotAsync(ct);
    }

    private async Task SetAcrSettingAsync(string key, string acr, CancellationToken ct)
    {
        Require(acr);
        var snapshot = await LoadFreshSnapshotAsync(ct);
        if (!snapshot.EnabledAcrs.Contains(acr))
        {
            throw new ArgumentException($"'{acr}' is not enabled; enable it first (acr enable {acr}).");
        }

        var row = await db.ServerSettings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            db.ServerSettings.Add(row = new ServerSetting { Key = key });
        }

        row.Value = acr;
        row.UpdatedAt = time.GetUtcNow();
        await SaveAsync(ct);
    }

    /// <summary>
    /// The admin console's acr when no admin set one: the SMS second factor once it is enabled (admins are the
    /// accounts most worth protecting), else the password, else the default.
    /// </summary>
    private static string FallbackAdminAcr(IReadOnlyList<IAuthenticationScript> enabled, string defaultAcr) =>
        enabled.Any(s => s.Acr == BuiltIn.SmppScript.AcrValue) ? BuiltIn.SmppScript.AcrValue
        : enabled.Any(s => s.Acr == BuiltInDefault) ? BuiltInDefault
        : defaultAcr;

    private IReadOnlyDictionary<string, string> ReadProperties(string? json)
    {
        var values = json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        foreach (var key in values.Keys.ToList())
        {
            if (values[key].StartsWith(SecretPrefix, StringComparison.Ordinal))
            {
                values[key] = Protector.Unprotect(values[key][SecretPrefix.Length..]);
            }
        }

        return values;
    }

    private IAuthenticationScript Require(string acr) =>
        registry.Find(acr)?.Script ?? throw new ArgumentException(
            $"No authentication script is registered for acr '{acr}'. Known: {string.Join(", ", registry.All.Select(s => s.Script.Acr))}.");

    private async Task<AuthenticationScriptSetting> GetOrAddRowAsync(string acr, CancellationToken ct)
    {
        var row = await db.AuthenticationScripts.FirstOrDefaultAsync(r => r.Acr == acr, ct);
        if (row is null)
        {
            db.AuthenticationScripts.Add(row = new AuthenticationScriptSetting { Acr = acr, Enabled = acr == BuiltInDefault });
        }

        return row;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        Interlocked.Increment(ref s_generation);
        cache.Remove(SnapshotKey);
    }
}
