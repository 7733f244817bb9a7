using IdP.Authentication.Sms;
using IdP.Smpp;

namespace IdP.Server.Sms;

/// <summary>The <c>smpp</c> script's settings as read now, with the SMPP client options they make.</summary>
/// <param name="Enabled">Whether the script is enabled (a node runs its session only then).</param>
/// <param name="State">Whether a session could bind with these settings.</param>
/// <param name="Settings">The typed settings, unless <see cref="SmppSettingsState.Misconfigured"/> or missing.</param>
/// <param name="ClientOptions">The client options, when <see cref="State"/> is <see cref="SmppSettingsState.Configured"/>.</param>
/// <param name="Problem">What is wrong and what to do, in plain words; null when configured.</param>
public sealed record SmppSettingsSnapshot(
    bool Enabled,
    SmppSettingsState State,
    SmppScriptSettings? Settings,
    SmppClientOptions? ClientOptions,
    string? Problem)
{
    /// <summary>host:port, when known (never credentials).</summary>
    public string? Endpoint => Settings is null ? null : SmppClientOptionsFactory.Endpoint(Settings);
}
