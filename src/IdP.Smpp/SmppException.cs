namespace IdP.Smpp;

/// <summary>Base class of the exceptions <see cref="SmppClient"/> throws.</summary>
public class SmppException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SmppException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    public SmppException(string message, Exception? inner) : base(message, inner) { }
}
