namespace IdP.Smpp.Tests.Kannel;

/// <summary>What the test's kannel.conf says about the SMSC Kannel binds to.</summary>
public sealed record KannelOptions
{
    public required int SmscPort { get; init; }

    public string SmscHost { get; init; } = "127.0.0.1";

    public string SmscUsername { get; init; } = "kannel";

    /// <summary>
    /// At most 8 characters: Kannel 1.4.5 silently truncates smsc-password to the SMPP 3.4 limit
    /// (a 13-character password arrived as its first 8 and the bind was refused).
    /// </summary>
    public string SmscPassword { get; init; } = "kannelpw";

    /// <summary>Kannel's msg-id-type (bit 0: submit_sm_resp id is hex, bit 1: deliver_sm id is hex); null = not set.</summary>
    public int? MsgIdType { get; init; }

    public string SendSmsUser { get; init; } = "tester";

    public string SendSmsPassword { get; init; } = "tester-pw";
}
