namespace IdP.Authentication.Scripts;

/// <summary>One or more script properties are invalid; the message lists each, secrets masked.</summary>
public sealed class ScriptConfigurationException(IReadOnlyList<string> errors)
    : Exception(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
