using System.Globalization;

namespace IdP.Authentication.Scripts;

/// <summary>
/// The validated property values of one script (stored values over defaults), with typed getters.
/// </summary>
public sealed class ScriptConfiguration
{
    private readonly IReadOnlyDictionary<string, ScriptPropertyDefinition> _definitions;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Builds the configuration; throws <see cref="ScriptConfigurationException"/> listing every invalid value.</summary>
    public ScriptConfiguration(IReadOnlyList<ScriptPropertyDefinition> definitions, IReadOnlyDictionary<string, string> stored)
    {
        _definitions = definitions.ToDictionary(d => d.Key, StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var definition in definitions)
        {
            var (value, error) = definition.Check(stored.TryGetValue(definition.Key, out var raw) ? raw : null);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                _values[definition.Key] = value!;
            }
        }

        if (errors.Count > 0)
        {
            throw new ScriptConfigurationException(errors);
        }
    }

    public string GetString(string key) => _values.TryGetValue(key, out var value) ? value : throw Unknown(key);

    public long GetInteger(string key) => long.Parse(GetString(key), CultureInfo.InvariantCulture);

    public bool GetBoolean(string key) => GetString(key) == "true";

    /// <summary>Values safe to show or log: secrets are masked.</summary>
    public IReadOnlyDictionary<string, string> ToDisplay() =>
        _values.ToDictionary(kv => kv.Key, kv => _definitions[kv.Key].Shown(kv.Value), StringComparer.Ordinal);

    public override string ToString() => string.Join(", ", ToDisplay().Select(kv => $"{kv.Key}={kv.Value}"));

    private static KeyNotFoundException Unknown(string key) => new($"The script declares no property '{key}'.");
}
