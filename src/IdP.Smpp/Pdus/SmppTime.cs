using System.Globalization;

namespace IdP.Smpp.Pdus;

/// <summary>SMPP 3.4 time formats (section 7.1.1).</summary>
public static class SmppTime
{
    /// <summary>
    /// Formats a relative validity period <c>YYMMDDhhmmss000R</c> (5 minutes = <c>000000000500000R</c>). Days above 99
    /// are not representable in one field and are rejected.
    /// </summary>
    public static string FormatRelative(TimeSpan period)
    {
        if (period <= TimeSpan.Zero || period.Days > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A relative SMPP time must be positive and below 100 days.");
        }
        return string.Create(CultureInfo.InvariantCulture, $"0000{period.Days:00}{period.Hours:00}{period.Minutes:00}{period.Seconds:00}000R");
    }

    /// <summary>Parses a relative time <c>YYMMDDhhmmss000R</c> (years as 365 days, months as 30); null when malformed.</summary>
    public static TimeSpan? ParseRelative(string? value)
    {
        if (value is null || value.Length != 16 || value[15] != 'R') return null;
        if (!long.TryParse(value.AsSpan(0, 12), NumberStyles.None, CultureInfo.InvariantCulture, out _)) return null;
        int Part(int index) => (value[index] - '0') * 10 + (value[index + 1] - '0');
        return TimeSpan.FromDays(Part(0) * 365 + Part(2) * 30 + Part(4)) + new TimeSpan(Part(6), Part(8), Part(10));
    }
}
