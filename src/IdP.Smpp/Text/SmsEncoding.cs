namespace IdP.Smpp.Text;

/// <summary>The alphabet a text is sent in.</summary>
public enum SmsEncoding
{
    /// <summary>GSM 03.38 default alphabet (data_coding 0x00).</summary>
    Gsm7,
    /// <summary>UCS2 / UTF-16BE (data_coding 0x08).</summary>
    Ucs2,
    /// <summary>ISO-8859-1 (data_coding 0x03).</summary>
    Latin1,
}
