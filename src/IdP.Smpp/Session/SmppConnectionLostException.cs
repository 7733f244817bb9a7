namespace IdP.Smpp.Session;

/// <summary>
/// The connection closed while a request waited. <see cref="WasWritten"/> tells whether the request reached the
/// socket (outcome unknown) or never left (safe to resend).
/// </summary>
internal sealed class SmppConnectionLostException : IOException
{
    public SmppConnectionLostException(string message, bool wasWritten) : base(message) => WasWritten = wasWritten;

    public bool WasWritten { get; }
}
