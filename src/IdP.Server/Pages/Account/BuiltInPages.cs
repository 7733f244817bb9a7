namespace IdP.Server.Pages.Account;

/// <summary>The step pages the host renders (scripts name them in <c>StepPage.Page</c>).</summary>
public static class BuiltInPages
{
    /// <summary>Username and password (fields <c>username</c>, <c>password</c>).</summary>
    public const string Password = "password";

    /// <summary>
    /// A one-time code (field <c>code</c>); data <c>title</c>, <c>message</c>, <c>label</c> are shown
    /// when present.
    /// </summary>
    public const string Code = "code";
}
