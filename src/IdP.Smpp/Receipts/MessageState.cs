namespace IdP.Smpp.Receipts;

/// <summary>SMPP 3.4 message_state values (section 5.2.28), also derived from the receipt text's stat: field.</summary>
public enum MessageState : byte
{
    /// <summary>Not reported.</summary>
    None = 0,
    /// <summary>ENROUTE.</summary>
    Enroute = 1,
    /// <summary>DELIVRD.</summary>
    Delivered = 2,
    /// <summary>EXPIRED.</summary>
    Expired = 3,
    /// <summary>DELETED.</summary>
    Deleted = 4,
    /// <summary>UNDELIV.</summary>
    Undeliverable = 5,
    /// <summary>ACCEPTD.</summary>
    Accepted = 6,
    /// <summary>UNKNOWN.</summary>
    Unknown = 7,
    /// <summary>REJECTD.</summary>
    Rejected = 8,
}
