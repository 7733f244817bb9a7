using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IdP.Smpp.Receipts;

/// <summary>
/// Tolerant parser for receipt texts (SMPP 3.4 Appendix B and the variants in SMPP.md): keys are case-insensitive,
/// every field is optional, sub/dlvrd may be missing, err may be one digit, dates may have 10 or 12 digits, ids may
/// be hex or decimal, and the text may contain 0x00 (GSM '@'). It never throws.
/// </summary>
public static partial class ReceiptTextParser
{
    /// <summary>Parses receipt octets (the whole short_message, read by sm_length).</summary>
    public static ReceiptText Parse(ReadOnlySpan<byte> shortMessage) => Parse(Encoding.Latin1.GetString(shortMessage));

    /// <summary>Parses a receipt text.</summary>
    public static ReceiptText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Cut at text: first so that an "id:" inside the original message cannot be taken for the receipt id.
        var textMatch = TextRegex().Match(text);
        string head = textMatch.Success ? text[..textMatch.Index] : text;
        string? stat = Group(StatRegex(), head);
        return new ReceiptText
        {
            Id = Group(IdRegex(), head),
            Submitted = Int(Group(SubRegex(), head)),
            Delivered = Int(Group(DlvrdRegex(), head)),
            SubmitDate = Date(Group(SubmitDateRegex(), head)),
            DoneDate = Date(Group(DoneDateRegex(), head)),
            Stat = stat,
            State = StateFromStat(stat),
            Error = Group(ErrRegex(), head),
            Text = textMatch.Success ? textMatch.Groups[1].Value.TrimEnd('\0') : null,
        };
    }

    /// <summary>Maps a stat: value (DELIVRD, UNDELIV, ... and their long spellings) to a <see cref="MessageState"/>.</summary>
    public static MessageState StateFromStat(string? stat) => stat?.Trim().ToUpperInvariant() switch
    {
        null or "" => MessageState.None,
        "DELIVRD" or "DELIVERED" or "DELIVER" => MessageState.Delivered,
        "EXPIRED" => MessageState.Expired,
        "DELETED" => MessageState.Deleted,
        "UNDELIV" or "UNDELIVERABLE" or "UNDELIVERED" or "FAILED" => MessageState.Undeliverable,
        "ACCEPTD" or "ACCEPTED" => MessageState.Accepted,
        "REJECTD" or "REJECTED" => MessageState.Rejected,
        "ENROUTE" => MessageState.Enroute,
        _ => MessageState.Unknown,
    };

    /// <summary>The stat: spelling SMPP 3.4 Appendix B uses for a state.</summary>
    public static string StatOf(MessageState state) => state switch
    {
        MessageState.Enroute => "ENROUTE",
        MessageState.Delivered => "DELIVRD",
        MessageState.Expired => "EXPIRED",
        MessageState.Deleted => "DELETED",
        MessageState.Undeliverable => "UNDELIV",
        MessageState.Accepted => "ACCEPTD",
        MessageState.Rejected => "REJECTD",
        _ => "UNKNOWN",
    };

    private static string? Group(Regex regex, string input)
    {
        var match = regex.Match(input);
        if (!match.Success) return null;
        string value = match.Groups[1].Value.Trim('\0', ' ');
        return value.Length == 0 ? null : value;
    }

    private static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int result) ? result : null;

    private static DateTimeOffset? Date(string? value)
    {
        if (value is null) return null;
        string format = value.Length == 12 ? "yyMMddHHmmss" : "yyMMddHHmm";
        return DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : null;
    }

    [GeneratedRegex(@"(?:^|[\s\0])id:\s*([^\s\0]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();

    [GeneratedRegex(@"\bsub:\s*(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubRegex();

    [GeneratedRegex(@"\bdlvrd:\s*(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DlvrdRegex();

    [GeneratedRegex(@"\bsubmit[ _]?date:\s*(\d{10,12})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubmitDateRegex();

    [GeneratedRegex(@"\bdone[ _]?date:\s*(\d{10,12})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoneDateRegex();

    [GeneratedRegex(@"\bstat:\s*([A-Za-z_]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatRegex();

    [GeneratedRegex(@"\berr:\s*([0-9A-Za-z]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ErrRegex();

    [GeneratedRegex(@"\btext:(.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TextRegex();
}
