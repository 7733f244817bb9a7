namespace IdP.Server.Configuration;

/// <summary>The ASP.NET Core Data Protection key ring (section <c>IdP:DataProtection</c>).</summary>
public sealed class DataProtectionSettings
{
    /// <summary>The certificate that encrypts the key ring at rest in the database.</summary>
    public DataProtectionCertificateSettings Certificate { get; set; } = new();
}
