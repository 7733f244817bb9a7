namespace IdP.Smpp.Logging;

/// <summary>Masks phone numbers for logs: only the last digits stay visible.</summary>
public static class SmppMasking
{
    /// <summary>Masks all but the last 4 characters (last 2 for short values), e.g. <c>*********5678</c>.</summary>
    public static string MaskAddress(string? address)
    {
        if (string.IsNullOrEmpty(address)) return string.Empty;
        int visible = address.Length > 8 ? 4 : Math.Min(2, address.Length / 2);
        return new string('*', address.Length - visible) + address[^visible..];
    }
}
