namespace IdP.Smpp.Pdus;

/// <summary>One row of <see cref="SmppFieldLimits"/>.</summary>
/// <param name="Field">The field.</param>
/// <param name="WireName">The name used in the specification.</param>
/// <param name="MaxOctets">The maximum length including the terminating NUL.</param>
/// <param name="Policy">What happens when a value is longer.</param>
public sealed record SmppFieldLimit(SmppField Field, string WireName, int MaxOctets, FieldLimitPolicy Policy);
