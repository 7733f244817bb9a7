using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IdP.Smpp.Session;

/// <summary>Opens the byte stream to the SMSC: TCP, then optionally TLS 1.2+ with SNI and an optional pin.</summary>
internal static class SmppTransport
{
    public static async Task<Stream> ConnectAsync(SmppClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: true);
            if (!options.UseTls) return network;
            var ssl = new SslStream(network, leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = options.TlsTargetHost ?? options.Host,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(options, certificate, errors),
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw new SmppTlsException(
                    $"TLS handshake with {options.Host}:{options.Port} failed ({ex.Message}). Check that the port speaks TLS, Smpp:TlsTargetHost and the certificate (or the pin).", ex);
            }
            return ssl;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static bool Validate(SmppClientOptions options, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(options.TlsPinnedCertificateThumbprint))
        {
            return certificate is not null && MatchesPin(certificate, options.TlsPinnedCertificateThumbprint);
        }
        return errors == SslPolicyErrors.None || options.TlsAllowUntrustedCertificate;
    }

    private static bool MatchesPin(X509Certificate certificate, string pin)
    {
        string normalized = new(pin.Where(Uri.IsHexDigit).ToArray());
        string sha1 = certificate.GetCertHashString();
        string sha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return string.Equals(normalized, sha1, StringComparison.OrdinalIgnoreCase)
            || string.Equals(normalized, sha256, StringComparison.OrdinalIgnoreCase);
    }
}
