using System.Globalization;
using PhoneNumbers;

namespace IdP.Server.Portal;

/// <summary>The country picker: every region libphonenumber can read, by English name, with its calling code.</summary>
public static class CountryChoices
{
    public sealed record Country(string Region, string Label);

    private static readonly Lazy<IReadOnlyList<Country>> Cached = new(Build);

    public static IReadOnlyList<Country> All => Cached.Value;

    public static bool IsKnown(string? region) => region is not null && All.Any(c => c.Region == region);

    private static IReadOnlyList<Country> Build()
    {
        var util = PhoneNumberUtil.GetInstance();
        return [.. util.GetSupportedRegions()
            .Select(region => new Country(region, $"{NameOf(region)} (+{util.GetCountryCodeForRegion(region).ToString(CultureInfo.InvariantCulture)})"))
            .OrderBy(c => c.Label, StringComparer.InvariantCulture)];
    }

    private static string NameOf(string region)
    {
        try
        {
            return new RegionInfo(region).EnglishName;
        }
        catch (ArgumentException)
        {
            return region;
        }
    }
}
