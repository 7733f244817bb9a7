using IdP.Smpp.Pdus;

namespace IdP.Smpp.Session;

/// <summary>The SMSC answered the bind with an error status.</summary>
internal sealed class SmppBindException : SmppException
{
    public SmppBindException(CommandStatus status)
        : base($"The SMSC rejected the bind: {CommandStatusInfo.Describe(status)}.") => Status = status;

    public CommandStatus Status { get; }

    public bool IsCredentialError => CommandStatusInfo.Classify(Status) == CommandStatusCategory.Credentials;
}
