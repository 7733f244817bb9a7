namespace IdP.Smpp.Session;

/// <summary>A request was written but its response did not arrive in time: its outcome is unknown.</summary>
internal sealed class SmppResponseTimeoutException : TimeoutException
{
    public SmppResponseTimeoutException(string message) : base(message) { }
}
