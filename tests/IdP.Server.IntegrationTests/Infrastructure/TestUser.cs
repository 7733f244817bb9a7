namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>A user created for one test.</summary>
public sealed record TestUser(string Id, string Username, string Password, string? Email, string? Phone);
