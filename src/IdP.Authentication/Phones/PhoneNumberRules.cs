using PhoneNumbers;

namespace IdP.Authentication.Phones;

/// <summary>
/// Phone numbers as IdP handles them: E.164 normalisation with libphonenumber, the types that may receive a
/// code (mobile, or fixed-line-or-mobile where a country does not tell them apart), and masking for pages,
/// records and logs.
/// </summary>
public static class PhoneNumberRules
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Normalises <paramref name="input"/> to E.164, or explains why it cannot.</summary>
    /// <param name="input">A number as typed; without a leading + it is read in <paramref name="defaultRegion"/>.</param>
    /// <param name="e164">The number in E.164 (e.g. <c>+4915112345678</c>) when it could be read; empty otherwise.</param>
    /// <param name="error">Why it could not be read, in words for the person who typed it; null on success.</param>
    /// <param name="defaultRegion">ISO 3166 region for national input (e.g. <c>DE</c>); null requires +.</param>
    public static bool TryNormalize(string? input, out string e164, out string? error, string? defaultRegion = null)
    {
        e164 = "";
        error = null;
        var trimmed = (input ?? "").Trim();
        if (trimmed.Length == 0)
        {
            error = "Enter a phone number.";
            return false;
        }

        if (trimmed.Length > 32)
        {
            error = "That is too long for a phone number.";
            return false;
        }

        if (!trimmed.StartsWith('+') && string.IsNullOrEmpty(defaultRegion))
        {
            error = $"Phone number '{trimmed}' must be in international format, starting with + and the country code (e.g. +4915112345678).";
            return false;
        }

        try
        {
            var number = Util.Parse(trimmed, trimmed.StartsWith('+') ? null : defaultRegion!.ToUpperInvariant());
            if (!Util.IsValidNumber(number))
            {
                error = $"Phone number '{trimmed}' is not a valid number for its country.";
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException ex)
        {
            error = $"Phone number '{trimmed}' cannot be read: {ex.Message}";
            return false;
        }
    }

    /// <summary>
    /// Whether a code may be sent to <paramref name="e164"/>: a valid mobile number. Premium-rate, shared-cost,
    /// toll-free, UAN, voicemail, pager and plain fixed-line numbers are refused (SMS pumping targets premium and
    /// international ranges). Returns null when allowed, else a message for the user.
    /// </summary>
    public static string? WhyNotTextable(string e164)
    {
        PhoneNumber number;
        try
        {
            number = Util.Parse(e164, null);
        }
        catch (NumberParseException)
        {
            return "This is not a valid phone number.";
        }

        if (!Util.IsValidNumber(number))
        {
            return "This is not a valid phone number.";
        }

        return Util.GetNumberType(number) switch
        {
            PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE => null,
            PhoneNumberType.PREMIUM_RATE => "Premium-rate numbers cannot receive codes.",
            PhoneNumberType.SHARED_COST or PhoneNumberType.TOLL_FREE or PhoneNumberType.UAN or PhoneNumberType.VOIP
                or PhoneNumberType.PERSONAL_NUMBER or PhoneNumberType.PAGER or PhoneNumberType.VOICEMAIL =>
                "This kind of number (service, VoIP or pager) cannot receive codes. Use a mobile number.",
            PhoneNumberType.FIXED_LINE => "This is a landline number. Use a mobile number that can receive text messages.",
            _ => "This number cannot receive text messages. Use a mobile number.",
        };
    }

    /// <summary>
    /// Masks all but the last two digits, keeping the country code: <c>+4915112345678</c> → <c>+49 •••• •••• 78</c>
    /// (groups of four). Safe for pages, records and logs.
    /// </summary>
    public static string Mask(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return "";
        }

        var digits = e164.TrimStart('+');
        var countryCode = "";
        try
        {
            var number = Util.Parse(e164.StartsWith('+') ? e164 : "+" + e164, null);
            countryCode = number.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (NumberParseException)
        {
            // Unparseable: mask everything but the tail.
        }

        var national = digits[countryCode.Length..];
        var visible = Math.Min(2, national.Length);
        var hidden = national.Length - visible;
        var builder = new System.Text.StringBuilder();
        if (countryCode.Length > 0)
        {
            builder.Append('+').Append(countryCode).Append(' ');
        }

        for (var i = 0; i < hidden; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append(' ');
            }

            builder.Append('•');
        }

        if (hidden > 0)
        {
            builder.Append(' ');
        }

        builder.Append(national[hidden..]);
        return builder.ToString();
    }

    /// <summary>The last two digits (what people recognise their number by).</summary>
    public static string LastDigits(string e164) => e164.Length <= 2 ? e164 : e164[^2..];
}
