namespace IdP.Server.Portal;

/// <summary>Audit event types the portal writes besides the phone and session ones in <c>AuditEventTypes</c>.</summary>
public static class PortalAuditEventTypes
{
    /// <summary>The user revoked the grant (authorization and its tokens) given to a relying party.</summary>
    public const string GrantRevoked = "grant.revoked";
}
