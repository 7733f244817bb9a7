namespace IdP.Smpp.Pdus;

/// <summary>The network_error_code TLV: network type (1 ANSI-136, 2 IS-95, 3 GSM, ...) and the network's error code.</summary>
/// <param name="NetworkType">The network type.</param>
/// <param name="ErrorCode">The error code.</param>
public readonly record struct NetworkErrorCode(byte NetworkType, ushort ErrorCode)
{
    /// <inheritdoc />
    public override string ToString() => $"{NetworkType}:{ErrorCode}";
}
