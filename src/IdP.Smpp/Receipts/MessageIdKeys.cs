using System.Globalization;

namespace IdP.Smpp.Receipts;

/// <summary>
/// The comparison keys of a message id, tried in order (SMPP.md, correlation): trimmed and case-insensitive,
/// then without leading zeros, then as a number read in the configured base (hex or decimal).
/// </summary>
internal static class MessageIdKeys
{
    public static IEnumerable<string> For(string? id, bool hex)
    {
        if (string.IsNullOrWhiteSpace(id)) yield break;
        string literal = id.Trim().ToUpperInvariant();
        yield return "L:" + literal;
        string stripped = literal.TrimStart('0');
        yield return "Z:" + (stripped.Length == 0 ? "0" : stripped);
        var style = hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
        if (literal.Length <= 32 && UInt128.TryParse(literal, style, CultureInfo.InvariantCulture, out var number))
        {
            yield return "N:" + number.ToString(CultureInfo.InvariantCulture);
        }
    }
}
