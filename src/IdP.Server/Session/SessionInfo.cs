using System.Security.Claims;

namespace IdP.Server.Session;

/// <summary>What the IdP session says about the signed-in user.</summary>
public sealed record SessionInfo(string Subject, DateTimeOffset AuthTime, string Acr, IReadOnlyList<string> Amr, string Script, int Level)
{
    /// <summary>Claims the script added when it authenticated the session.</summary>
    public IReadOnlyDictionary<string, string> ScriptClaims { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads a session principal; null when it lacks the claims a session must have.</summary>
    public static SessionInfo? From(ClaimsPrincipal? principal)
    {
        var sub = principal?.FindFirst(IdPSession.SubjectClaim)?.Value;
        var authTime = principal?.FindFirst(IdPSession.AuthTimeClaim)?.Value;
        var acr = principal?.FindFirst(IdPSession.AcrClaim)?.Value;
        if (string.IsNullOrEmpty(sub) || !long.TryParse(authTime, out var seconds) || string.IsNullOrEmpty(acr))
        {
            return null;
        }

        var amr = principal!.FindAll(IdPSession.AmrClaim).Select(c => c.Value).ToArray();
        var script = principal.FindFirst(IdPSession.ScriptClaim)?.Value ?? acr;
        _ = int.TryParse(principal.FindFirst(IdPSession.LevelClaim)?.Value, out var level);
        var added = principal.Claims
            .Where(c => c.Type.StartsWith(IdPSession.ScriptAddedClaimPrefix, StringComparison.Ordinal))
            .ToDictionary(c => c.Type[IdPSession.ScriptAddedClaimPrefix.Length..], c => c.Value, StringComparer.Ordinal);
        return new SessionInfo(sub, DateTimeOffset.FromUnixTimeSeconds(seconds), acr, amr, script, level) { ScriptClaims = added };
    }
}
