namespace IdP.Server.Admin;

/// <summary>One authentication script as the console and the API list it.</summary>
public sealed record ScriptView(
    string Acr,
    string DisplayName,
    int Level,
    bool Enabled,
    string Source,
    bool IsDefault,
    bool IsAdmin,
    IReadOnlyList<ScriptPropertyView> Properties)
{
    /// <summary>Whether the script is built in (else the plugin file it came from is <see cref="Source"/>).</summary>
    public bool IsBuiltIn => Source == IdP.Authentication.Engine.ScriptRegistry.BuiltInOrigin;
}
