using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using IdP.Authentication.Sms;
using Microsoft.Extensions.Options;

namespace IdP.Server.Sms;

/// <summary>
/// Reads the <c>smpp</c> script's current properties (cached for a few seconds by <see cref="AcrSettingsStore"/>,
/// so changes from any node or the command line arrive without a restart) and turns them into SMPP client options,
/// with a plain-words problem when they cannot bind. Optional overrides let a console test values before saving them.
/// </summary>
public sealed class SmppSettingsReader(AcrSettingsStore store, ScriptRegistry registry, IOptions<SmppGatewayOptions> options)
{
    public const string NoSystemIdProblem =
        "The smpp script has no system_id: set it with `acr set-property smpp system_id VALUE` (and password, smpp_server, smpp_port as your SMSC provider gave them).";

    /// <param name="overrides">Property name → value, applied over the stored values (not saved).</param>
    /// <param name="fresh">Bypass the settings cache (a connection test must see a change made a moment ago).</param>
    /// <param name="ct">Cancels the database reads.</param>
    public async Task<SmppSettingsSnapshot> ReadAsync(IReadOnlyDictionary<string, string>? overrides, bool fresh, CancellationToken ct)
    {
        var script = registry.Find(SmppScript.AcrValue)?.Script;
        if (script is null)
        {
            return new SmppSettingsSnapshot(false, SmppSettingsState.Missing, null, null, "No script named 'smpp' is registered on this server.");
        }

        var snapshot = fresh ? await store.LoadFreshSnapshotAsync(ct) : await store.GetSnapshotAsync(ct);
        var enabled = snapshot.EnabledAcrs.Contains(SmppScript.AcrValue);
        SmppScriptSettings settings;
        try
        {
            var configuration = await store.GetConfigurationAsync(script, ct);
            if (overrides is { Count: > 0 })
            {
                var values = script.Properties.ToDictionary(p => p.Key, p => configuration.GetString(p.Key), StringComparer.Ordinal);
                foreach (var (key, value) in overrides)
                {
                    if (!values.ContainsKey(key))
                    {
                        return new SmppSettingsSnapshot(enabled, SmppSettingsState.Misconfigured, null, null,
                            $"The smpp script has no property '{key}'. Its properties: {string.Join(", ", values.Keys)}.");
                    }

                    values[key] = value;
                }

                configuration = new ScriptConfiguration(script.Properties, values);
            }

            settings = SmppScriptSettings.From(configuration);
        }
        catch (ScriptConfigurationException ex)
        {
            return new SmppSettingsSnapshot(enabled, SmppSettingsState.Misconfigured, null, null,
                $"The smpp script's properties are invalid: {ex.Message} Fix them with `acr set-property smpp KEY VALUE`.");
        }

        if (!settings.IsConfigured)
        {
            return new SmppSettingsSnapshot(enabled, SmppSettingsState.NotConfigured, settings, null, NoSystemIdProblem);
        }

        var clientOptions = SmppClientOptionsFactory.Create(settings, options.Value);
        var errors = clientOptions.GetErrors();
        if (errors.Count > 0)
        {
            return new SmppSettingsSnapshot(enabled, SmppSettingsState.Misconfigured, settings, null,
                "The smpp script's properties do not make a valid SMPP session: " + string.Join(" ", errors.Select(SmppClientOptionsFactory.ToPropertyNames)) +
                " Fix them with `acr set-property smpp KEY VALUE`.");
        }

        return new SmppSettingsSnapshot(enabled, SmppSettingsState.Configured, settings, clientOptions, null);
    }
}
