using IdP.Smpp.Pdus;

namespace IdP.Smpp;

/// <summary>The SMSC refused a submit_sm with a non-zero command_status (after the retries the status allows).</summary>
public sealed class SmppSubmitException : SmppException
{
    /// <summary>Creates the exception with an operator-readable message built from the status.</summary>
    public SmppSubmitException(CommandStatus status, IReadOnlyList<string>? acceptedMessageIds = null)
        : base($"The SMSC rejected the message: {CommandStatusInfo.Describe(status)}.")
    {
        CommandStatus = status;
        AcceptedMessageIds = acceptedMessageIds ?? [];
    }

    /// <summary>The command_status of submit_sm_resp.</summary>
    public CommandStatus CommandStatus { get; }

    /// <summary>True when retrying the same message cannot succeed (bad number, bad sender, ...).</summary>
    public bool IsPermanent => CommandStatusInfo.IsPermanent(CommandStatus);

    /// <summary>Message ids of earlier segments of the same text that the SMSC did accept.</summary>
    public IReadOnlyList<string> AcceptedMessageIds { get; }
}
