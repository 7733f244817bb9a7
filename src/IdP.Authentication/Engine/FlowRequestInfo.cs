namespace IdP.Authentication.Engine;

/// <summary>What the host tells the engine about the current request.</summary>
/// <param name="LoginHint">OIDC <c>login_hint</c>, if any.</param>
/// <param name="RemoteAddress">The caller's address.</param>
public sealed record FlowRequestInfo(string? LoginHint, string? RemoteAddress);
