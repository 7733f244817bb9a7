namespace IdP.Smpp.Pdus;

/// <summary>Names, classification and operator-readable descriptions of command_status values.</summary>
public static class CommandStatusInfo
{
    /// <summary>Classifies a status per the reaction table in SMPP.md.</summary>
    public static CommandStatusCategory Classify(CommandStatus status) => status switch
    {
        CommandStatus.Ok => CommandStatusCategory.Ok,
        CommandStatus.Throttled or CommandStatus.MessageQueueFull => CommandStatusCategory.Throttling,
        CommandStatus.SystemError or CommandStatus.SubmitFailed => CommandStatusCategory.Temporary,
        CommandStatus.InvalidBindStatus or CommandStatus.AlreadyBound => CommandStatusCategory.SessionState,
        CommandStatus.BindFailed or CommandStatus.InvalidPassword or CommandStatus.InvalidSystemId => CommandStatusCategory.Credentials,
        CommandStatus.InvalidMessageLength or CommandStatus.InvalidSourceAddress or CommandStatus.InvalidDestinationAddress
            or CommandStatus.InvalidEsmClass or CommandStatus.InvalidSourceTon or CommandStatus.InvalidSourceNpi
            or CommandStatus.InvalidDestinationTon or CommandStatus.InvalidDestinationNpi
            or CommandStatus.InvalidScheduledDeliveryTime or CommandStatus.InvalidExpiry
            or CommandStatus.InvalidPriorityFlag or CommandStatus.InvalidRegisteredDeliveryFlag
            or CommandStatus.InvalidServiceType => CommandStatusCategory.Permanent,
        CommandStatus.InvalidCommandLength or CommandStatus.InvalidCommandId or CommandStatus.UnknownError
            or (>= CommandStatus.InvalidOptionalParameterStream and <= CommandStatus.InvalidOptionalParameterValue) => CommandStatusCategory.Protocol,
        _ => CommandStatusCategory.Unknown,
    };

    /// <summary>True when retrying the same message cannot succeed.</summary>
    public static bool IsPermanent(CommandStatus status) => Classify(status) is CommandStatusCategory.Permanent or CommandStatusCategory.Protocol;

    /// <summary>The spec name, e.g. <c>ESME_RTHROTTLED</c>, or <c>0x...</c> for unknown values.</summary>
    public static string Name(CommandStatus status) => status switch
    {
        CommandStatus.Ok => "ESME_ROK",
        CommandStatus.InvalidMessageLength => "ESME_RINVMSGLEN",
        CommandStatus.InvalidCommandLength => "ESME_RINVCMDLEN",
        CommandStatus.InvalidCommandId => "ESME_RINVCMDID",
        CommandStatus.InvalidBindStatus => "ESME_RINVBNDSTS",
        CommandStatus.AlreadyBound => "ESME_RALYBND",
        CommandStatus.InvalidPriorityFlag => "ESME_RINVPRTFLG",
        CommandStatus.InvalidRegisteredDeliveryFlag => "ESME_RINVREGDLVFLG",
        CommandStatus.SystemError => "ESME_RSYSERR",
        CommandStatus.InvalidSourceAddress => "ESME_RINVSRCADR",
        CommandStatus.InvalidDestinationAddress => "ESME_RINVDSTADR",
        CommandStatus.InvalidMessageId => "ESME_RINVMSGID",
        CommandStatus.BindFailed => "ESME_RBINDFAIL",
        CommandStatus.InvalidPassword => "ESME_RINVPASWD",
        CommandStatus.InvalidSystemId => "ESME_RINVSYSID",
        CommandStatus.MessageQueueFull => "ESME_RMSGQFUL",
        CommandStatus.InvalidServiceType => "ESME_RINVSERTYP",
        CommandStatus.InvalidEsmClass => "ESME_RINVESMCLASS",
        CommandStatus.SubmitFailed => "ESME_RSUBMITFAIL",
        CommandStatus.InvalidSourceTon => "ESME_RINVSRCTON",
        CommandStatus.InvalidSourceNpi => "ESME_RINVSRCNPI",
        CommandStatus.InvalidDestinationTon => "ESME_RINVDSTTON",
        CommandStatus.InvalidDestinationNpi => "ESME_RINVDSTNPI",
        CommandStatus.InvalidSystemType => "ESME_RINVSYSTYP",
        CommandStatus.Throttled => "ESME_RTHROTTLED",
        CommandStatus.InvalidScheduledDeliveryTime => "ESME_RINVSCHED",
        CommandStatus.InvalidExpiry => "ESME_RINVEXPIRY",
        CommandStatus.ReceiverTemporaryAppError => "ESME_RX_T_APPN",
        CommandStatus.ReceiverPermanentAppError => "ESME_RX_P_APPN",
        CommandStatus.InvalidOptionalParameterStream => "ESME_RINVOPTPARSTREAM",
        CommandStatus.OptionalParameterNotAllowed => "ESME_ROPTPARNOTALLWD",
        CommandStatus.InvalidParameterLength => "ESME_RINVPARLEN",
        CommandStatus.MissingOptionalParameter => "ESME_RMISSINGOPTPARAM",
        CommandStatus.InvalidOptionalParameterValue => "ESME_RINVOPTPARAMVAL",
        CommandStatus.UnknownError => "ESME_RUNKNOWNERR",
        _ => $"0x{(uint)status:X8}",
    };

    /// <summary>An operator-readable sentence: name, code and what it means for us.</summary>
    public static string Describe(CommandStatus status)
    {
        string meaning = status switch
        {
            CommandStatus.Ok => "accepted",
            CommandStatus.InvalidMessageLength => "the SMSC rejected the message length (text too long for one part, or short_message and message_payload both set)",
            CommandStatus.InvalidSourceAddress => "the SMSC rejected the source address (sender id): check SourceAddress and the sender ids your provider allows",
            CommandStatus.InvalidDestinationAddress => "the SMSC rejected the destination number: check it is a valid E.164 number",
            CommandStatus.InvalidSourceTon or CommandStatus.InvalidSourceNpi => "the SMSC rejected the source TON/NPI: alphanumeric senders need TON 5 / NPI 0, numeric senders TON 1 / NPI 1",
            CommandStatus.InvalidDestinationTon or CommandStatus.InvalidDestinationNpi => "the SMSC rejected the destination TON/NPI (international numbers use TON 1 / NPI 1)",
            CommandStatus.InvalidEsmClass => "the SMSC rejected esm_class (for example UDH concatenation not allowed: try ConcatenationMode Sar or Payload)",
            CommandStatus.InvalidExpiry => "the SMSC rejected the validity period",
            CommandStatus.InvalidScheduledDeliveryTime => "the SMSC rejected the scheduled delivery time",
            CommandStatus.Throttled => "the SMSC is throttling us: sending is paused and retried; lower MaxTps if this repeats",
            CommandStatus.MessageQueueFull => "the SMSC queue is full: sending is paused and retried",
            CommandStatus.SystemError => "the SMSC reported a system error (temporary)",
            CommandStatus.SubmitFailed => "the SMSC reported the submit failed (temporary)",
            CommandStatus.InvalidBindStatus => "the session is not bound for this operation (rebinding)",
            CommandStatus.AlreadyBound => "the SMSC says we are already bound",
            CommandStatus.BindFailed => "the SMSC refused the bind: check SystemId, Password, SystemType and that the account is enabled and not already bound too often",
            CommandStatus.InvalidPassword => "the SMSC rejected the password: check Password (longer than 8 characters is sent as-is)",
            CommandStatus.InvalidSystemId => "the SMSC does not know this system_id: check SystemId",
            CommandStatus.InvalidCommandId => "the SMSC does not support this command",
            CommandStatus.InvalidCommandLength => "the SMSC could not parse the PDU length",
            _ => "see the SMPP 3.4 specification, section 5.1.3",
        };
        return $"{Name(status)} (0x{(uint)status:X2}): {meaning}";
    }
}
