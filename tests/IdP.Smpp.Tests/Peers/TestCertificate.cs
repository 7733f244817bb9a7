using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IdP.Smpp.Tests.Peers;

/// <summary>A throw-away self-signed certificate for localhost, written as PEM files for node.</summary>
public sealed class TestCertificate : IDisposable
{
    private TestCertificate(X509Certificate2 certificate, string directory)
    {
        Certificate = certificate;
        Directory = directory;
        CertPath = System.IO.Path.Combine(directory, "cert.pem");
        KeyPath = System.IO.Path.Combine(directory, "key.pem");
    }

    public X509Certificate2 Certificate { get; }

    public string Directory { get; }

    public string CertPath { get; }

    public string KeyPath { get; }

    public string Thumbprint => Certificate.Thumbprint;

    public static TestCertificate Create(string subject = "localhost")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(subject);
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "idp-smpp-tls-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var result = new TestCertificate(certificate, dir);
        File.WriteAllText(result.CertPath, certificate.ExportCertificatePem());
        File.WriteAllText(result.KeyPath, key.ExportPkcs8PrivateKeyPem());
        return result;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is a temp dir.
        }
    }
}
