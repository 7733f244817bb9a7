using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.RateLimits;

/// <summary>A server on the production defaults of <c>IdP:RateLimits</c> (the other fixtures raise them).</summary>
public sealed class DefaultRateLimitsFixture : IdPServerFixture
{
    protected override void Configure(Dictionary<string, string> settings)
    {
        foreach (var key in settings.Keys.Where(k => k.StartsWith("IdP:RateLimits:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }
    }
}

/// <summary>A server with small, configured limits (proves the settings are read), windows long enough for slow machines.</summary>
public sealed class ConfiguredRateLimitsFixture : IdPServerFixture
{
    public const int FlowStarts = 6;

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["IdP:RateLimits:FlowStart:PermitLimit"] = FlowStarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["IdP:RateLimits:FlowStart:Window"] = "00:10:00";
        settings["IdP:RateLimits:PasswordStep:PermitLimit"] = "3";
        settings["IdP:RateLimits:PasswordStep:Window"] = "00:10:00";
    }
}
