namespace IdP.Server.Demo;

/// <summary>What the demo relying party shows after the callback.</summary>
public sealed record DemoResult(string? Error, string? IdTokenClaims, string? IdToken);
