namespace IdP.Server.Theming;

/// <summary>The contents of <c>themes/&lt;name&gt;/theme.json</c>.</summary>
public sealed class Theme
{
    public string Name { get; set; } = "default";

    /// <summary>Shown in titles and the page header.</summary>
    public string ProductName { get; set; } = "IdP";

    /// <summary>Stylesheets relative to the theme folder, served under <c>/theme/</c>.</summary>
    public List<string> Stylesheets { get; set; } = ["css/site.css"];

    /// <summary>Logo relative to the theme folder; optional.</summary>
    public string? Logo { get; set; }

    /// <summary>Text of the page footer.</summary>
    public string? Footer { get; set; }
}
