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

    /// <summary>The <c>smpp</c> script's code page (masked number, reference, countdown, resend, delivery state).</summary>
    public const string SmsCode = "sms-code";

    /// <summary>The <c>smpp</c> script's number chooser (data <c>option:ID</c> → masked label).</summary>
    public const string SmsChoose = "sms-choose";

    /// <summary>The <c>smpp</c> script's page when no code could be sent (data <c>error</c>, <c>retryAt</c>).</summary>
    public const string SmsSendFailed = "sms-send-failed";

    /// <summary>Host page: the flow ended with a notice for the person and a link back to the application.</summary>
    public const string Notice = "notice";

    /// <summary>The <c>smpp</c> script's enrollment during sign-in (field <c>phone_number</c>).</summary>
    public const string SmsEnroll = "sms-enroll";
}
