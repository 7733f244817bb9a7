namespace IdP.Smpp;

/// <summary>How message text is encoded.</summary>
public enum SmppDataCodingPolicy
{
    /// <summary>GSM 03.38 (data_coding 0) when every character is in the basic or extension table, otherwise UCS2 (data_coding 8).</summary>
    Auto,
    /// <summary>Always GSM 03.38; characters outside it become '?'.</summary>
    Gsm7,
    /// <summary>Always UCS2 (UTF-16BE).</summary>
    Ucs2,
    /// <summary>Always Latin-1 (data_coding 3); characters outside it become '?'.</summary>
    Latin1,
}
