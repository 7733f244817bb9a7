namespace IdP.Smpp;

/// <summary>The client was not bound to the SMSC within <see cref="SmppClientOptions.BindWaitTimeout"/>; nothing was sent.</summary>
public sealed class SmppNotBoundException : SmppException
{
    /// <summary>Creates the exception.</summary>
    public SmppNotBoundException(string message) : base(message) { }
}
