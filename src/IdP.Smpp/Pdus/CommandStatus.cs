namespace IdP.Smpp.Pdus;

/// <summary>SMPP 3.4 command_status values (section 5.1.3). Unlisted values are valid too: cast any <see cref="uint"/>.</summary>
public enum CommandStatus : uint
{
    /// <summary>ESME_ROK: no error.</summary>
    Ok = 0x00,
    /// <summary>ESME_RINVMSGLEN: message length is invalid.</summary>
    InvalidMessageLength = 0x01,
    /// <summary>ESME_RINVCMDLEN: command length is invalid.</summary>
    InvalidCommandLength = 0x02,
    /// <summary>ESME_RINVCMDID: invalid command id.</summary>
    InvalidCommandId = 0x03,
    /// <summary>ESME_RINVBNDSTS: incorrect bind status for the given command.</summary>
    InvalidBindStatus = 0x04,
    /// <summary>ESME_RALYBND: ESME already in bound state.</summary>
    AlreadyBound = 0x05,
    /// <summary>ESME_RINVPRTFLG: invalid priority flag.</summary>
    InvalidPriorityFlag = 0x06,
    /// <summary>ESME_RINVREGDLVFLG: invalid registered delivery flag.</summary>
    InvalidRegisteredDeliveryFlag = 0x07,
    /// <summary>ESME_RSYSERR: system error.</summary>
    SystemError = 0x08,
    /// <summary>ESME_RINVSRCADR: invalid source address.</summary>
    InvalidSourceAddress = 0x0A,
    /// <summary>ESME_RINVDSTADR: invalid destination address.</summary>
    InvalidDestinationAddress = 0x0B,
    /// <summary>ESME_RINVMSGID: message id is invalid.</summary>
    InvalidMessageId = 0x0C,
    /// <summary>ESME_RBINDFAIL: bind failed.</summary>
    BindFailed = 0x0D,
    /// <summary>ESME_RINVPASWD: invalid password.</summary>
    InvalidPassword = 0x0E,
    /// <summary>ESME_RINVSYSID: invalid system_id.</summary>
    InvalidSystemId = 0x0F,
    /// <summary>ESME_RMSGQFUL: message queue full.</summary>
    MessageQueueFull = 0x14,
    /// <summary>ESME_RINVSERTYP: invalid service type.</summary>
    InvalidServiceType = 0x15,
    /// <summary>ESME_RINVESMCLASS: invalid esm_class.</summary>
    InvalidEsmClass = 0x43,
    /// <summary>ESME_RSUBMITFAIL: submit_sm failed.</summary>
    SubmitFailed = 0x45,
    /// <summary>ESME_RINVSRCTON: invalid source address TON.</summary>
    InvalidSourceTon = 0x48,
    /// <summary>ESME_RINVSRCNPI: invalid source address NPI.</summary>
    InvalidSourceNpi = 0x49,
    /// <summary>ESME_RINVDSTTON: invalid destination address TON.</summary>
    InvalidDestinationTon = 0x50,
    /// <summary>ESME_RINVDSTNPI: invalid destination address NPI.</summary>
    InvalidDestinationNpi = 0x51,
    /// <summary>ESME_RINVSYSTYP: invalid system_type.</summary>
    InvalidSystemType = 0x53,
    /// <summary>ESME_RTHROTTLED: throttling error (the ESME exceeded its allowed message limits).</summary>
    Throttled = 0x58,
    /// <summary>ESME_RINVSCHED: invalid scheduled delivery time.</summary>
    InvalidScheduledDeliveryTime = 0x61,
    /// <summary>ESME_RINVEXPIRY: invalid validity period (expiry time).</summary>
    InvalidExpiry = 0x62,
    /// <summary>ESME_RX_T_APPN: ESME receiver temporary app error.</summary>
    ReceiverTemporaryAppError = 0x64,
    /// <summary>ESME_RX_P_APPN: ESME receiver permanent app error.</summary>
    ReceiverPermanentAppError = 0x65,
    /// <summary>ESME_RINVOPTPARSTREAM: error in the optional part of the PDU body.</summary>
    InvalidOptionalParameterStream = 0xC0,
    /// <summary>ESME_ROPTPARNOTALLWD: optional parameter not allowed.</summary>
    OptionalParameterNotAllowed = 0xC1,
    /// <summary>ESME_RINVPARLEN: invalid parameter length.</summary>
    InvalidParameterLength = 0xC2,
    /// <summary>ESME_RMISSINGOPTPARAM: expected optional parameter missing.</summary>
    MissingOptionalParameter = 0xC3,
    /// <summary>ESME_RINVOPTPARAMVAL: invalid optional parameter value.</summary>
    InvalidOptionalParameterValue = 0xC4,
    /// <summary>ESME_RUNKNOWNERR: unknown error.</summary>
    UnknownError = 0xFF,
}
