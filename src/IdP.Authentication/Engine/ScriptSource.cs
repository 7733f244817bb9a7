namespace IdP.Authentication.Engine;

/// <summary>A registered script and where it came from.</summary>
/// <param name="Script">The script.</param>
/// <param name="Origin"><c>built-in</c>, or the plugin assembly's file name.</param>
public sealed record ScriptSource(Scripts.IAuthenticationScript Script, string Origin)
{
    public bool IsBuiltIn => Origin == ScriptRegistry.BuiltInOrigin;
}
