namespace IdP.Smpp.Simulator;

/// <summary>How the simulator formats the message ids it assigns.</summary>
public enum SimulatorMessageIdFormat
{
    /// <summary>Decimal digits, e.g. <c>1000</c>.</summary>
    Decimal,
    /// <summary>Lowercase hexadecimal, e.g. <c>3e8</c>.</summary>
    Hex,
}
