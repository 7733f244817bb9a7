namespace IdP.Server.Admin;

/// <summary>Who makes an admin change: a person in the console, or a client of the JSON API.</summary>
/// <param name="Id">The admin's user id, or the API client's client_id; recorded as the audit event's actor.</param>
/// <param name="UserId">The acting person (null for an API client): the lock-out guard checks this account.</param>
/// <param name="ClientId">The API client, if the change came through the API.</param>
/// <param name="RemoteAddress">The caller's address, for the audit log.</param>
public sealed record AdminActor(string Id, string? UserId, string? ClientId, string? RemoteAddress)
{
    public static AdminActor Person(string userId, string? remoteAddress) => new(userId, userId, null, remoteAddress);

    public static AdminActor Client(string clientId, string? remoteAddress) => new(clientId, null, clientId, remoteAddress);

    /// <summary>An operator on the server's command line (recorded as <c>cli@host</c>).</summary>
    public static AdminActor CommandLine() => new($"cli@{Environment.MachineName}", null, null, null);
}
