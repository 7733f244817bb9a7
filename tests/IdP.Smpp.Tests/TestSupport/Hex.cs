namespace IdP.Smpp.Tests.TestSupport;

/// <summary>Hex fixtures: spaces are allowed for readability.</summary>
public static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
