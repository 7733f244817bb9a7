using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IdP.Server.Configuration;
using Microsoft.AspNetCore.DataProtection;

namespace IdP.Server.Keys;

/// <summary>
/// Encrypts the Data Protection key ring at rest: the <c>DataProtectionKeys</c> rows hold the keys that protect the
/// stored signing keys and every cookie, so a database dump without this certificate can mint nothing (ASVS 5.0
/// V11.4, V13.3). The certificate comes from <c>IdP:DataProtection:Certificate</c> and is checked before the server
/// (or a command) starts; without one a Production server outside the embedded default refuses to start.
/// </summary>
public static class KeyRingProtection
{
    private const string Section = "IdP:DataProtection:Certificate";

    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, DataProtectionCertificateSettings settings, IdPEnvironment environment, IHostEnvironment host)
    {
        if (settings.IsConfigured)
        {
            return builder.ProtectKeysWithCertificate(Load(settings));
        }

        if (!environment.IsEmbeddedDefault && host.IsProduction())
        {
            throw new InvalidOperationException(
                $"The Data Protection key ring would be stored unencrypted in the database: set {Section}:Path (a PFX file with an RSA " +
                $"certificate and its private key) and {Section}:Password, or {Section}:Thumbprint (a certificate in the store), e.g. " +
                "IdP__DataProtection__Certificate__Path=/run/secrets/idp-dataprotection.pfx. Every node needs the same certificate. See deploy/README.md.");
        }

        return builder;
    }

    /// <summary>Loads and checks the configured certificate; the message says what to fix.</summary>
    public static X509Certificate2 Load(DataProtectionCertificateSettings settings)
    {
        var hasPath = !string.IsNullOrWhiteSpace(settings.Path);
        var hasThumbprint = !string.IsNullOrWhiteSpace(settings.Thumbprint);
        if (hasPath && hasThumbprint)
        {
            throw new InvalidOperationException($"Set either {Section}:Path or {Section}:Thumbprint, not both.");
        }

        var certificate = hasPath ? FromFile(settings.Path!, settings.Password) : FromStore(settings.Thumbprint!);
        var where = hasPath ? $"{Section}:Path '{settings.Path}'" : $"{Section}:Thumbprint {settings.Thumbprint}";
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate of {where} has no private key; the key ring cannot be read back without it. Use a PFX that includes the key.");
        }

        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            throw new InvalidOperationException($"The certificate of {where} does not have an RSA key; XML encryption of the key ring needs RSA (e.g. openssl req -x509 -newkey rsa:3072).");
        }

        return certificate;
    }

    private static X509Certificate2 FromFile(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{Section}:Path '{path}' does not exist (or cannot be read by this process). Mount the PFX file there or correct the path.");
        }

        try
        {
            var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
            return X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(password) ? null : password, flags);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{Section}:Path '{path}' could not be opened as a PFX (PKCS#12) file: {ex.Message} Check {Section}:Password.", ex);
        }
    }

    private static X509Certificate2 FromStore(string thumbprint)
    {
        var wanted = thumbprint.Replace(" ", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal);
        var locations = OperatingSystem.IsWindows() ? new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine } : [StoreLocation.CurrentUser];
        foreach (var location in locations)
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException)
            {
                continue; // no such store on this machine
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException(
            $"{Section}:Thumbprint {thumbprint} was not found in the personal certificate store ({string.Join(", ", locations.Select(l => l + @"\My"))}). " +
            $"Import the certificate with its private key there, or give a PFX file with {Section}:Path.");
    }
}
