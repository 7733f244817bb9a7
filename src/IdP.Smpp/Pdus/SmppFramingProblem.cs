namespace IdP.Smpp.Pdus;

/// <summary>The likely cause of an invalid command_length.</summary>
public enum SmppFramingProblem
{
    /// <summary>The bytes are "HTTP" (0x48545450) or an HTTP method: an HTTP client on the SMPP port, or a wrong port.</summary>
    HttpOnSmppPort,
    /// <summary>The bytes start a TLS record (0x16 0x03): one side speaks TLS, the other plain TCP.</summary>
    TlsPlainMismatch,
    /// <summary>Any other bad length: the stream lost its framing (desync) or the peer is not SMPP.</summary>
    FramingDesync,
}
