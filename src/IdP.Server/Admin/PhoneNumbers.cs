using PhoneNumbers;

namespace IdP.Server.Admin;

/// <summary>E.164 normalisation with libphonenumber.</summary>
public static class PhoneNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Normalises <paramref name="input"/> to E.164, or explains why it cannot.</summary>
    public static bool TryNormalize(string input, out string e164, out string? error)
    {
        e164 = "";
        error = null;
        var trimmed = input.Trim();
        if (!trimmed.StartsWith('+'))
        {
            error = $"Phone number '{input}' must be in international format, starting with + and the country code (e.g. +4915112345678).";
            return false;
        }

        try
        {
            var number = Util.Parse(trimmed, null);
            if (!Util.IsValidNumber(number))
            {
                error = $"Phone number '{input}' is not a valid number for its country.";
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException ex)
        {
            error = $"Phone number '{input}' cannot be read: {ex.Message}";
            return false;
        }
    }
}
