namespace IdP.Authentication.Engine;

/// <summary>What the host tells the engine about the current request.</summary>
/// <param name="LoginHint">OIDC <c>login_hint</c>, if any.</param>
/// <param name="RemoteAddress">The caller's address.</param>
public sealed record FlowRequestInfo(string? LoginHint, string? RemoteAddress)
{
    /// <summary>The host name the person reached the sign-in page on (e.g. for the SMS's origin-bound line).</summary>
    public string? Host { get; init; }
}
