namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>A relying party registered for one test. <see cref="Secret"/> is null for a public client.</summary>
public sealed record TestClient(string ClientId, string? Secret, string RedirectUri, string? PostLogoutRedirectUri);
