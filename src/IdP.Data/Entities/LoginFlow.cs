namespace IdP.Data.Entities;

/// <summary>
/// One sign-in in progress, between its steps: kept in the database and referenced by a
/// short-lived data-protected cookie, so any node can serve any step. A flow expires and, once
/// completed, cannot be replayed.
/// </summary>
public class LoginFlow
{
    /// <summary>Random 128-bit identifier (base64url).</summary>
    public string Id { get; set; } = "";

    /// <summary>The acr value tokens will report (an alias stays an alias).</summary>
    public string ReportedAcr { get; set; } = "";

    /// <summary>The script that runs.</summary>
    public string ScriptAcr { get; set; } = "";

    public int Level { get; set; }

    /// <summary>Other acceptable scripts, space-separated, in order (fallbacks).</summary>
    public string? Candidates { get; set; }

    public bool IsEssential { get; set; }

    /// <summary>
    /// The scripts this flow may end with, space-separated; null for any enabled one. Set from the request and the
    /// client's rules when the flow starts: a fallback outside it is never taken.
    /// </summary>
    public string? AcceptableAcrs { get; set; }

    public int Step { get; set; } = 1;

    public string? UserId { get; set; }

    /// <summary>amr values achieved so far, space-separated.</summary>
    public string Amr { get; set; } = "";

    /// <summary>Script state between steps, as a JSON object.</summary>
    public string DataJson { get; set; } = "{}";

    public string? ClientId { get; set; }

    /// <summary>Local URL to return to (the authorization request).</summary>
    public string ReturnUrl { get; set; } = "";

    public int FailedAttempts { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Set when the flow ended in failure: the OAuth error the client receives.</summary>
    public string? Error { get; set; }

    public string? ErrorDescription { get; set; }
}
