namespace IdP.Smpp.Pdus;

/// <summary>What the encoder does with a value longer than the specification allows.</summary>
public enum FieldLimitPolicy
{
    /// <summary>Refuse to encode: the peer would misparse the PDU.</summary>
    Reject,
    /// <summary>Encode as-is; callers are warned (real providers issue passwords longer than 8 characters).</summary>
    WarnOnly,
}
