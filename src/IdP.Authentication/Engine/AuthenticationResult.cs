namespace IdP.Authentication.Engine;

/// <summary>A completed sign-in: what the session records and tokens report.</summary>
/// <param name="UserId">The user.</param>
/// <param name="ReportedAcr">The acr tokens carry (as the client named it).</param>
/// <param name="ScriptAcr">The script that ran.</param>
/// <param name="Level">Its level.</param>
/// <param name="Amr">RFC 8176 methods achieved.</param>
/// <param name="Claims">Extra claims from the script.</param>
public sealed record AuthenticationResult(
    string UserId,
    string ReportedAcr,
    string ScriptAcr,
    int Level,
    IReadOnlyList<string> Amr,
    IReadOnlyDictionary<string, string> Claims);
