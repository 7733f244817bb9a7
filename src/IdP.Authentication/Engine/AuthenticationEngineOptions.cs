namespace IdP.Authentication.Engine;

/// <summary>Settings of the acr engine (section <c>IdP:Authentication</c>).</summary>
public sealed class AuthenticationEngineOptions
{
    public const string SectionName = "IdP:Authentication";

    /// <summary>Folder scanned for plugin assemblies at start; relative to the content root.</summary>
    public string? PluginsDirectory { get; set; } = "plugins";

    /// <summary>How long a node may serve cached script settings; a change reaches every node within this time.</summary>
    public TimeSpan SettingsCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a sign-in flow may take from start to finish.</summary>
    public TimeSpan FlowLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The acr used when neither the request nor the client names one and no default is set in the database.</summary>
    public string FallbackDefaultAcr { get; set; } = "pwd";
}
