namespace IdP.Authentication.Scripts;

/// <summary>A script the flow may run, and the acr value tokens will report for it.</summary>
/// <param name="ReportedAcr">The value as the client named it (an alias stays an alias).</param>
/// <param name="Script">The script's own acr.</param>
/// <param name="Level">The script's level.</param>
public sealed record AcrChoice(string ReportedAcr, string Script, int Level);
