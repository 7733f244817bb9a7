using System.ComponentModel.DataAnnotations;

namespace IdP.Server.Pages.Account;

/// <summary>What the step pages post; each page uses the fields it shows.</summary>
public sealed class LoginInput
{
    [StringLength(256)]
    public string? Username { get; set; }

    [StringLength(512), DataType(DataType.Password)]
    public string? Password { get; set; }

    [StringLength(64)]
    public string? Code { get; set; }

    /// <summary>A button that is not "submit this step": <c>resend</c>, <c>choose</c>, <c>change</c>.</summary>
    [StringLength(16)]
    public string? Action { get; set; }

    /// <summary>The chosen phone (store id, never the number).</summary>
    [StringLength(64)]
    public string? Phone { get; set; }

    /// <summary>A phone number typed to enroll it (E.164).</summary>
    [StringLength(32)]
    public string? PhoneNumber { get; set; }

    /// <summary>Converts to the script input dictionary (keys: username, password, code, action, phone).</summary>
    public IReadOnlyDictionary<string, string> ToScriptInput()
    {
        var input = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Username is not null)
        {
            input["username"] = Username;
        }

        if (Password is not null)
        {
            input["password"] = Password;
        }

        if (Code is not null)
        {
            input["code"] = Code;
        }

        if (Action is not null)
        {
            input["action"] = Action;
        }

        if (Phone is not null)
        {
            input["phone"] = Phone;
        }

        if (PhoneNumber is not null)
        {
            input["phone_number"] = PhoneNumber;
        }

        return input;
    }
}
