namespace IdP.Server.Portal;

/// <summary>A sign-in method (enabled script) and whether the user can use it.</summary>
/// <param name="Hint">When not available: what the user can do about it.</param>
public sealed record AccountMethod(string Acr, string DisplayName, int Level, bool Available, string? Hint);
