namespace IdP.Smpp.Session;

/// <summary>The TLS handshake failed (plain/TLS mismatch, untrusted or mismatched certificate, protocol version).</summary>
internal sealed class SmppTlsException : SmppException
{
    public SmppTlsException(string message, Exception inner) : base(message, inner) { }
}
