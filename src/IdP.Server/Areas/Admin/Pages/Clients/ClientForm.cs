using IdP.Server.Admin;

namespace IdP.Server.Areas.Admin.Pages.Clients;

/// <summary>The client form as posted (lists as lines or spaces), turned into a <see cref="ClientSpec"/>.</summary>
public sealed class ClientForm
{
    public string? ClientId { get; set; }

    public string? DisplayName { get; set; }

    public string Type { get; set; } = "public";

    public string? RedirectUris { get; set; }

    public string? PostLogoutRedirectUris { get; set; }

    public string Consent { get; set; } = "explicit";

    public List<string> Scopes { get; set; } = [];

    public string? DefaultAcrValues { get; set; }

    public bool RequirePkce { get; set; } = true;

    public bool AllowClientCredentials { get; set; }

    public static ClientForm From(ClientSpec spec) => new()
    {
        ClientId = spec.ClientId,
        DisplayName = spec.DisplayName,
        Type = spec.Public ? "public" : "confidential",
        RedirectUris = string.Join('\n', spec.RedirectUris),
        PostLogoutRedirectUris = string.Join('\n', spec.PostLogoutRedirectUris),
        Consent = spec.Consent,
        Scopes = spec.Scopes,
        DefaultAcrValues = string.Join(' ', spec.DefaultAcrValues),
        RequirePkce = spec.RequirePkce,
        AllowClientCredentials = spec.AllowClientCredentials,
    };

    /// <summary>The spec; <paramref name="existing"/> keeps what the form does not edit (allowed acrs, minimum level).</summary>
    public ClientSpec ToSpec(ClientSpec? existing) => new()
    {
        ClientId = (ClientId ?? "").Trim(),
        DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim(),
        Public = Type != "confidential",
        RedirectUris = Split(RedirectUris),
        PostLogoutRedirectUris = Split(PostLogoutRedirectUris),
        Consent = Consent,
        Scopes = Scopes.Distinct(StringComparer.Ordinal).ToList(),
        DefaultAcrValues = Split(DefaultAcrValues),
        RequirePkce = RequirePkce,
        AllowClientCredentials = AllowClientCredentials,
        AllowedAcrs = existing?.AllowedAcrs ?? [],
        MinimumAcrLevel = existing?.MinimumAcrLevel,
        RefuseBelowMinimum = existing?.RefuseBelowMinimum ?? false,
    };

    private static List<string> Split(string? text) =>
        (text ?? "").Split(['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
