namespace IdP.Server.Configuration;

/// <summary>
/// The certificate (RSA, with its private key) that encrypts the Data Protection key ring in the database
/// (<c>IdP:DataProtection:Certificate</c>): a PFX/PKCS#12 file (<see cref="Path"/>, <see cref="Password"/>) or a
/// certificate in the current user's personal store (<see cref="Thumbprint"/>). Required in Production outside the
/// embedded default.
/// </summary>
public sealed class DataProtectionCertificateSettings
{
    /// <summary>Path of a PFX (PKCS#12) file holding the certificate and its private key.</summary>
    public string? Path { get; set; }

    /// <summary>Password of the PFX file (empty for none).</summary>
    public string? Password { get; set; }

    /// <summary>SHA-1 thumbprint of a certificate in the X.509 store (CurrentUser\My; on Windows also LocalMachine\My).</summary>
    public string? Thumbprint { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path) || !string.IsNullOrWhiteSpace(Thumbprint);
}
