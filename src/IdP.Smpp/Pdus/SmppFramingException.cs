namespace IdP.Smpp.Pdus;

/// <summary>
/// The byte stream is not SMPP framing (command_length below 16 or above the cap). The stream cannot be
/// resynchronised: the connection must be closed. <see cref="Exception.Message"/> names the likely cause.
/// </summary>
public sealed class SmppFramingException : SmppDecodeException
{
    /// <summary>Creates the exception.</summary>
    public SmppFramingException(uint commandLength, SmppFramingProblem problem, string message) : base(message)
    {
        CommandLength = commandLength;
        Problem = problem;
    }

    /// <summary>The command_length that was read.</summary>
    public uint CommandLength { get; }

    /// <summary>The likely cause.</summary>
    public SmppFramingProblem Problem { get; }
}
