namespace IdP.Server.Pages;

/// <summary>A scope as shown to a person on the consent page.</summary>
public sealed record ScopeDescription(string Name, string Description)
{
    public static ScopeDescription For(string scope) => new(scope, scope switch
    {
        "openid" => "Sign you in and know who you are",
        "profile" => "Your name and username",
        "email" => "Your email address",
        "phone" => "Your verified phone number",
        "offline_access" => "Stay connected when you are not using it",
        _ => scope,
    });
}
