namespace IdP.Smpp.Pdus;

/// <summary>C-Octet String fields with a maximum length in the SMPP 3.4 specification.</summary>
public enum SmppField
{
    /// <summary>system_id (16 incl. NUL).</summary>
    SystemId,
    /// <summary>password (9 incl. NUL; longer passwords are common and are sent as-is).</summary>
    Password,
    /// <summary>system_type (13).</summary>
    SystemType,
    /// <summary>address_range (41).</summary>
    AddressRange,
    /// <summary>service_type (6).</summary>
    ServiceType,
    /// <summary>source_addr of submit_sm/deliver_sm (21).</summary>
    SourceAddr,
    /// <summary>destination_addr of submit_sm/deliver_sm (21).</summary>
    DestinationAddr,
    /// <summary>source_addr / destination_addr of data_sm (65).</summary>
    DataSmAddr,
    /// <summary>schedule_delivery_time (1 or 17).</summary>
    ScheduleDeliveryTime,
    /// <summary>validity_period (1 or 17).</summary>
    ValidityPeriod,
    /// <summary>message_id (65).</summary>
    MessageId,
}
