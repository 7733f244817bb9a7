namespace IdP.Data.Entities;

/// <summary>
/// A signing or encryption key of the OpenID provider, generated on first start and kept in the
/// database so that every node uses the same keys and a restart never rotates them.
/// The private key is stored protected by ASP.NET Core Data Protection.
/// </summary>
public class ServerKey
{
    public long Id { get; set; }

    /// <summary><c>sig</c> or <c>enc</c> (RFC 7517 <c>use</c>).</summary>
    public string Use { get; set; } = "";

    /// <summary>JWA algorithm, e.g. <c>RS256</c> or <c>RSA-OAEP</c>.</summary>
    public string Algorithm { get; set; } = "";

    /// <summary>The key id published in the JWKS.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The PKCS#8 private key, protected with Data Protection.</summary>
    public string ProtectedPrivateKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When set, the key is no longer used to sign or decrypt after this date.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
