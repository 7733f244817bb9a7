using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>
/// Throw-away certificates made in the test run: the one that encrypts the Data Protection key ring of every test
/// server (written once per test process as a PFX, so restarts and second nodes on one database share it), and TLS
/// server certificates for 127.0.0.1.
/// </summary>
public static class TestCertificates
{
    public const string PfxPassword = "test-key-ring-pfx";

    private static readonly Lazy<string> DataProtectionPfx = new(() => WritePfx(CreateRsa("CN=IdP test key ring"), PfxPassword));

    /// <summary>The PFX file of the test run's key-ring certificate (password <see cref="PfxPassword"/>).</summary>
    public static string DataProtectionPfxPath => DataProtectionPfx.Value;

    /// <summary>A self-signed RSA certificate with its private key; with <paramref name="tlsServer"/>, for https on 127.0.0.1 / localhost.</summary>
    public static X509Certificate2 CreateRsa(string subject, bool tlsServer = false)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (tlsServer)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        }

        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));

        // Round-trip through PKCS#12 so the private key is usable by every consumer (Kestrel's SslStream, EncryptedXml).
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12, PfxPassword), PfxPassword, X509KeyStorageFlags.Exportable);
    }

    /// <summary>Writes <paramref name="certificate"/> with its key to a new PFX file in the temp folder (deleted when the test process exits).</summary>
    public static string WritePfx(X509Certificate2 certificate, string password)
    {
        var path = Path.Combine(Path.GetTempPath(), $"idp-test-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}
