using System.ComponentModel.DataAnnotations;

namespace IdP.Server.Pages.Account;

/// <summary>What the password form posts.</summary>
public sealed class LoginInput
{
    [Required, StringLength(256)]
    public string Username { get; set; } = "";

    [Required, StringLength(512), DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
