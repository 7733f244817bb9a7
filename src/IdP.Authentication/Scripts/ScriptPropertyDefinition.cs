using System.Globalization;

namespace IdP.Authentication.Scripts;

/// <summary>
/// A configuration property a script declares: typed, with a default, a description for admins,
/// validation with messages an admin understands, and a secret flag (a secret is never shown
/// back and never logged).
/// </summary>
public sealed record ScriptPropertyDefinition
{
    public required string Key { get; init; }

    public required string Description { get; init; }

    public ScriptPropertyType Type { get; init; } = ScriptPropertyType.String;

    /// <summary>Default value as text; null means the property is required.</summary>
    public string? DefaultValue { get; init; }

    public bool IsSecret { get; init; }

    /// <summary>Inclusive bounds for <see cref="ScriptPropertyType.Integer"/>.</summary>
    public long? Minimum { get; init; }

    public long? Maximum { get; init; }

    /// <summary>Maximum length for strings.</summary>
    public int MaxLength { get; init; } = 1024;

    /// <summary>The values a <see cref="ScriptPropertyType.Choice"/> accepts (case-insensitive).</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>An extra rule; returns a message when the value is not acceptable.</summary>
    public Func<string, string?>? Validate { get; init; }

    /// <summary>Checks <paramref name="value"/>; returns the normalised value or a message.</summary>
    public (string? Value, string? Error) Check(string? value)
    {
        if (value is null)
        {
            return DefaultValue is null ? (null, $"'{Key}' is required: {Description}") : (DefaultValue, null);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxLength)
        {
            return (null, $"'{Key}' is longer than {MaxLength} characters.");
        }

        switch (Type)
        {
            case ScriptPropertyType.Integer:
                if (!long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    return (null, $"'{Key}' must be a whole number, not '{Shown(trimmed)}'.");
                }

                if (number < Minimum || number > Maximum)
                {
                    return (null, $"'{Key}' must be between {Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {Maximum?.ToString(CultureInfo.InvariantCulture) ?? "∞"}; {number} is out of range.");
                }

                trimmed = number.ToString(CultureInfo.InvariantCulture);
                break;
            case ScriptPropertyType.Boolean:
                if (!bool.TryParse(trimmed, out var flag))
                {
                    return (null, $"'{Key}' must be true or false, not '{Shown(trimmed)}'.");
                }

                trimmed = flag ? "true" : "false";
                break;
            case ScriptPropertyType.Choice:
                var match = AllowedValues.FirstOrDefault(v => string.Equals(v, trimmed, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    return (null, $"'{Key}' must be one of {string.Join(", ", AllowedValues)}; '{Shown(trimmed)}' is not.");
                }

                trimmed = match;
                break;
        }

        var extra = Validate?.Invoke(trimmed);
        return extra is null ? (trimmed, null) : (null, $"'{Key}': {extra}");
    }

    /// <summary>How a value may appear in messages and logs: secrets never do.</summary>
    public string Shown(string value) => IsSecret ? "••••••" : value;
}
