using IdP.Authentication.Scripts;

namespace IdP.Server.OpenId;

/// <summary>What the hosted pages and endpoints need to know about a relying party.</summary>
public sealed record ClientInfo(
    string ClientId,
    string ApplicationId,
    string DisplayName,
    string? ConsentType,
    bool Disabled,
    ClientAcrPolicy AcrPolicy);
