namespace IdP.Smpp.Pdus;

/// <summary>
/// The SMPP 3.4 field limits as data (one row per C-Octet String field) instead of checks scattered in code.
/// Lengths include the NUL terminator, as the specification counts them.
/// </summary>
public static class SmppFieldLimits
{
    private static readonly SmppFieldLimit[] Table =
    [
        new(SmppField.SystemId, "system_id", 16, FieldLimitPolicy.Reject),
        // AberrantSMPP issue #4: providers issue passwords longer than 8 characters; never truncate or reject.
        new(SmppField.Password, "password", 9, FieldLimitPolicy.WarnOnly),
        new(SmppField.SystemType, "system_type", 13, FieldLimitPolicy.Reject),
        new(SmppField.AddressRange, "address_range", 41, FieldLimitPolicy.Reject),
        new(SmppField.ServiceType, "service_type", 6, FieldLimitPolicy.Reject),
        new(SmppField.SourceAddr, "source_addr", 21, FieldLimitPolicy.Reject),
        new(SmppField.DestinationAddr, "destination_addr", 21, FieldLimitPolicy.Reject),
        new(SmppField.DataSmAddr, "data_sm address", 65, FieldLimitPolicy.Reject),
        new(SmppField.ScheduleDeliveryTime, "schedule_delivery_time", 17, FieldLimitPolicy.Reject),
        new(SmppField.ValidityPeriod, "validity_period", 17, FieldLimitPolicy.Reject),
        new(SmppField.MessageId, "message_id", 65, FieldLimitPolicy.Reject),
    ];

    /// <summary>All rows.</summary>
    public static IReadOnlyList<SmppFieldLimit> All => Table;

    /// <summary>The row for <paramref name="field"/>.</summary>
    public static SmppFieldLimit Get(SmppField field) => Table[(int)field];

    /// <summary>True when <paramref name="value"/> (plus its NUL) fits the specification limit.</summary>
    public static bool Fits(SmppField field, string? value) => (value?.Length ?? 0) + 1 <= Get(field).MaxOctets;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> with an operator-readable message when a <see cref="FieldLimitPolicy.Reject"/>
    /// field is too long. <see cref="FieldLimitPolicy.WarnOnly"/> fields always pass.
    /// </summary>
    public static void Check(SmppField field, string? value)
    {
        var limit = Get(field);
        int octets = (value?.Length ?? 0) + 1;
        if (octets > limit.MaxOctets && limit.Policy == FieldLimitPolicy.Reject)
        {
            throw new ArgumentException(
                $"SMPP field {limit.WireName} is {octets - 1} characters; SMPP 3.4 allows at most {limit.MaxOctets - 1}.", field.ToString());
        }
    }
}
