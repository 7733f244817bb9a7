namespace IdP.Server.OpenId;

/// <summary>An OAuth/OIDC error shown to a person, with a plain-language explanation.</summary>
public sealed record OAuthErrorViewModel(string Error, string? Description, string Explanation, int StatusCode)
{
    public static OAuthErrorViewModel Create(string? error, string? description, int statusCode = 400)
    {
        var code = string.IsNullOrEmpty(error) ? "server_error" : error;
        return new OAuthErrorViewModel(code, description, Explain(code, description), statusCode);
    }

    private static string Explain(string error, string? description) => error switch
    {
        "invalid_request" when description?.Contains("redirect_uri", StringComparison.OrdinalIgnoreCase) == true =>
            "The application sent you here with a return address (redirect_uri) that is not registered for it, so you were not sent back. The application's owner must register the exact address.",
        "invalid_request" => "The application sent an incomplete or malformed sign-in request. Try again from the application; if it keeps happening, tell its owner.",
        "invalid_client" => "The application is not known to this sign-in service, or it is disabled.",
        "unauthorized_client" => "This application is not allowed to use this kind of sign-in.",
        "invalid_scope" => "The application asked for permissions it is not allowed to have.",
        "access_denied" => "The request was denied.",
        "login_required" => "You need to sign in first.",
        "consent_required" => "The application needs your permission before it can continue.",
        "unsupported_response_type" => "The application asked for a kind of response this service does not issue.",
        "temporarily_unavailable" => "The service is temporarily unavailable. Try again in a moment.",
        "not_found" => "There is nothing at this address.",
        _ => "Something went wrong while processing the sign-in request. Try again from the application.",
    };
}
