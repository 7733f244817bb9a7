using IdP.Authentication.Scripts;

namespace IdP.Server.Admin;

/// <summary>A script property as the console shows it. A secret's value is never read back: only whether it is set.</summary>
/// <param name="Definition">Key, description, type, default, secret flag.</param>
/// <param name="Value">The stored value, else the default; always null for a secret.</param>
/// <param name="IsSet">Whether a value is stored (for a secret: whether one was ever set).</param>
/// <param name="Problem">Why the current value is not acceptable (e.g. a required property without a value).</param>
public sealed record ScriptPropertyView(ScriptPropertyDefinition Definition, string? Value, bool IsSet, string? Problem);
