namespace IdP.Authentication.Scripts;

/// <summary>An enabled script as the resolver sees it.</summary>
/// <param name="Acr">The script's acr name.</param>
/// <param name="Level">Its level.</param>
public sealed record AcrEntry(string Acr, int Level);
