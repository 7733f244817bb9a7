using IdP.Authentication.Engine;

namespace IdP.Server.Commands;

/// <summary>
/// <c>acr …</c>: the authentication scripts and the default acr, changed in the database and
/// seen by every running node within the settings cache time, without a restart.
/// </summary>
internal static class AcrCommands
{
    public static async Task<int> RunAsync(IServiceProvider sp, string[] args, TextWriter output, CancellationToken ct, Func<IServiceProvider, CancellationToken, Task> ensureMigrated)
    {
        await ensureMigrated(sp, ct);
        var store = sp.GetRequiredService<AcrSettingsStore>();
        var registry = sp.GetRequiredService<ScriptRegistry>();
        switch (args)
        {
            case ["list"]:
                var snapshot = await store.LoadFreshSnapshotAsync(ct);
                await output.WriteLineAsync("ACR\tLEVEL\tENABLED\tORIGIN\tNAME");
                foreach (var source in registry.All)
                {
                    var script = source.Script;
                    var marks = (snapshot.DefaultAcr == script.Acr ? " (default)" : "") + (snapshot.AdminAcr == script.Acr ? " (admin)" : "");
                    await output.WriteLineAsync($"{script.Acr}{marks}\t{script.Level}\t{(snapshot.EnabledAcrs.Contains(script.Acr) ? "yes" : "no")}\t{source.Origin}\t{script.DisplayName}");
                    var configuration = await TryConfigurationAsync(store, script, ct);
                    foreach (var property in script.Properties)
                    {
                        var value = configuration?.ToDisplay().GetValueOrDefault(property.Key) ?? "(not set)";
                        await output.WriteLineAsync($"  {property.Key} = {value}\t{property.Description}");
                    }
                }

                await output.WriteLineAsync($"method chooser: {(snapshot.MethodChooser ? "on" : "off")}");
                foreach (var (alias, acr) in snapshot.Catalog.Aliases)
                {
                    await output.WriteLineAsync($"alias {alias} -> {acr}");
                }

                return 0;
            case ["default", "set", var acr]:
                await store.SetDefaultAcrAsync(acr, ct);
                await output.WriteLineAsync($"Default acr is now '{acr}'.");
                return 0;
            case ["admin", "set", var acr]:
                await store.SetAdminAcrAsync(acr, ct);
                await output.WriteLineAsync($"Admin acr is now '{acr}'.");
                return 0;
            case ["enable", var acr]:
                await store.SetEnabledAsync(acr, true, ct);
                await output.WriteLineAsync($"Enabled '{acr}'.");
                return 0;
            case ["disable", var acr]:
                await store.SetEnabledAsync(acr, false, ct);
                await output.WriteLineAsync($"Disabled '{acr}'.");
                return 0;
            case ["set-property", var acr, var key, var value]:
                await store.SetPropertyAsync(acr, key, value, ct);
                var secret = registry.Find(acr)?.Script.Properties.FirstOrDefault(p => p.Key == key)?.IsSecret == true;
                await output.WriteLineAsync($"Set {acr}.{key} = {(secret ? "••••••" : value)}.");
                return 0;
            case ["chooser", var state] when state is "on" or "off":
                await store.SetMethodChooserAsync(state == "on", ct);
                await output.WriteLineAsync($"Method chooser {state}.");
                return 0;
            case ["alias", "set", var alias, var acr]:
                await store.SetAliasAsync(alias, acr, ct);
                await output.WriteLineAsync($"'{alias}' now names '{acr}'.");
                return 0;
            default:
                throw new CommandException("Usage: acr list | acr default set ACR | acr admin set ACR | acr enable ACR | acr disable ACR | acr set-property ACR KEY VALUE | acr alias set ALIAS ACR | acr chooser on|off");
        }
    }

    private static async Task<IdP.Authentication.Scripts.ScriptConfiguration?> TryConfigurationAsync(AcrSettingsStore store, IdP.Authentication.Scripts.IAuthenticationScript script, CancellationToken ct)
    {
        try
        {
            return await store.GetConfigurationAsync(script, ct);
        }
        catch (IdP.Authentication.Scripts.ScriptConfigurationException)
        {
            return null;
        }
    }
}
