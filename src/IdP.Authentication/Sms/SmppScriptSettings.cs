using System.Globalization;
using IdP.Authentication.Phones;
using IdP.Authentication.Scripts;
using IdP.Smpp;
using IdP.Smpp.Text;

namespace IdP.Authentication.Sms;

/// <summary>
/// The configuration properties of the <c>smpp</c> script — Gluu's names (<c>smpp_server</c>, <c>smpp_port</c>,
/// <c>system_id</c>, <c>password</c>, <c>source_addr</c>, TON/NPI, <c>priority_flag</c>,
/// <c>data_coding_alphabet</c>) plus IdP's — and their typed, validated form.
/// </summary>
public sealed record SmppScriptSettings
{
    public const string Server = "smpp_server";
    public const string Port = "smpp_port";
    public const string SystemId = "system_id";
    public const string Password = "password";
    public const string SourceAddr = "source_addr";
    public const string SourceAddrTon = "source_addr_ton";
    public const string SourceAddrNpi = "source_addr_npi";
    public const string DestAddrTon = "dest_addr_ton";
    public const string DestAddrNpi = "dest_addr_npi";
    public const string PriorityFlag = "priority_flag";
    public const string DataCodingAlphabet = "data_coding_alphabet";
    public const string UseTls = "use_tls";
    public const string PhoneAttribute = "phone_attribute";
    public const string OtpLength = "otp_length";
    public const string OtpLifetimeSeconds = "otp_lifetime_seconds";
    public const string MaxAttempts = "max_attempts";
    public const string ResendCooldownSeconds = "resend_cooldown_seconds";
    public const string SmsTemplate = "sms_template";
    public const string ValidityPeriod = "validity_period";
    public const string Enrollment = "enrollment";

    /// <summary>
    /// One GSM-7 segment with a 10-digit code and a 40-character host, ending with the origin-bound line of the
    /// WebOTP / iOS one-time-code convention (<c>@host #code</c>).
    /// </summary>
    public const string DefaultTemplate = "{code} is your sign-in code (ref {ref}). It expires in {minutes} min. Do not share it.\n\n@{host} #{code}";

    /// <summary>TON names as jsmpp (and so Gluu's script) spells them, with their values.</summary>
    public static readonly IReadOnlyDictionary<string, byte> TonNames = new Dictionary<string, byte>(StringComparer.OrdinalIgnoreCase)
    {
        ["UNKNOWN"] = 0, ["INTERNATIONAL"] = 1, ["NATIONAL"] = 2, ["NETWORK_SPECIFIC"] = 3,
        ["SUBSCRIBER_NUMBER"] = 4, ["ALPHANUMERIC"] = 5, ["ABBREVIATED"] = 6,
    };

    /// <summary>NPI names as jsmpp spells them, with their values.</summary>
    public static readonly IReadOnlyDictionary<string, byte> NpiNames = new Dictionary<string, byte>(StringComparer.OrdinalIgnoreCase)
    {
        ["UNKNOWN"] = 0, ["ISDN"] = 1, ["DATA"] = 3, ["TELEX"] = 4, ["LAND_MOBILE"] = 6,
        ["NATIONAL"] = 8, ["PRIVATE"] = 9, ["ERMES"] = 10, ["INTERNET"] = 14, ["WAP"] = 18,
    };

    /// <summary>Alphabets: jsmpp's names plus <c>AUTO</c> (GSM 7-bit when possible, else UCS2).</summary>
    public static readonly IReadOnlyDictionary<string, SmppDataCodingPolicy> Alphabets = new Dictionary<string, SmppDataCodingPolicy>(StringComparer.OrdinalIgnoreCase)
    {
        ["AUTO"] = SmppDataCodingPolicy.Auto, ["ALPHA_DEFAULT"] = SmppDataCodingPolicy.Gsm7,
        ["ALPHA_UCS2"] = SmppDataCodingPolicy.Ucs2, ["ALPHA_LATIN1"] = SmppDataCodingPolicy.Latin1,
    };

    /// <summary>Enrollment policies: where a user without a verified phone can add one.</summary>
    public static readonly IReadOnlyList<string> EnrollmentPolicies = ["portal", "signin"];

    public static IReadOnlyList<ScriptPropertyDefinition> Definitions { get; } =
    [
        new() { Key = Server, Description = "Host name or address of the SMSC.", DefaultValue = "127.0.0.1", MaxLength = 253, Validate = v => v.Length == 0 || v.Any(char.IsWhiteSpace) ? "enter a host name or IP address without spaces." : null },
        new() { Key = Port, Description = "TCP port of the SMSC (2775 plain, often 3550 or 8775 for TLS).", Type = ScriptPropertyType.Integer, DefaultValue = "2775", Minimum = 1, Maximum = 65535 },
        new() { Key = SystemId, Description = "SMPP system_id (the account name the SMSC gave you).", DefaultValue = "", MaxLength = 15 },
        new() { Key = Password, Description = "SMPP password for the system_id.", DefaultValue = "", IsSecret = true, MaxLength = 64 },
        new() { Key = SourceAddr, Description = "Sender shown on the phone: up to 11 letters/digits (alphanumeric) or a number.", DefaultValue = "IdP", MaxLength = 20 },
        new() { Key = SourceAddrTon, Description = "Type of number of the sender: " + string.Join(", ", TonNames.Keys) + ".", Type = ScriptPropertyType.Choice, DefaultValue = "ALPHANUMERIC", AllowedValues = [.. TonNames.Keys] },
        new() { Key = SourceAddrNpi, Description = "Numbering plan of the sender: " + string.Join(", ", NpiNames.Keys) + ".", Type = ScriptPropertyType.Choice, DefaultValue = "UNKNOWN", AllowedValues = [.. NpiNames.Keys] },
        new() { Key = DestAddrTon, Description = "Type of number of the destination (INTERNATIONAL for E.164).", Type = ScriptPropertyType.Choice, DefaultValue = "INTERNATIONAL", AllowedValues = [.. TonNames.Keys] },
        new() { Key = DestAddrNpi, Description = "Numbering plan of the destination (ISDN for E.164).", Type = ScriptPropertyType.Choice, DefaultValue = "ISDN", AllowedValues = [.. NpiNames.Keys] },
        new() { Key = PriorityFlag, Description = "submit_sm priority_flag, 0 (normal) to 3 (very urgent).", Type = ScriptPropertyType.Integer, DefaultValue = "0", Minimum = 0, Maximum = 3 },
        new() { Key = DataCodingAlphabet, Description = "Alphabet: AUTO (GSM 7-bit, UCS2 when needed), ALPHA_DEFAULT (GSM 7-bit), ALPHA_UCS2, ALPHA_LATIN1.", Type = ScriptPropertyType.Choice, DefaultValue = "AUTO", AllowedValues = [.. Alphabets.Keys] },
        new() { Key = UseTls, Description = "Connect with TLS 1.2+ (the SMSC's certificate must be trusted).", Type = ScriptPropertyType.Boolean, DefaultValue = "false" },
        new() { Key = PhoneAttribute, Description = "User attribute that holds the phone numbers (Gluu: mobile). phoneNumberVerified is the flag that a number was verified, not the number.", DefaultValue = UserPhoneStore.MobileAttribute, MaxLength = 64, Validate = ValidatePhoneAttribute },
        new() { Key = OtpLength, Description = "Digits in a code (6 to 10).", Type = ScriptPropertyType.Integer, DefaultValue = "6", Minimum = 6, Maximum = 10 },
        new() { Key = OtpLifetimeSeconds, Description = "How long a code stays valid, in seconds (at most 600).", Type = ScriptPropertyType.Integer, DefaultValue = "300", Minimum = 60, Maximum = 600 },
        new() { Key = MaxAttempts, Description = "Wrong entries after which a code is dead and the user needs a new one (1 to 10).", Type = ScriptPropertyType.Integer, DefaultValue = "5", Minimum = 1, Maximum = 10 },
        new() { Key = ResendCooldownSeconds, Description = "Seconds before the user may ask for another code.", Type = ScriptPropertyType.Integer, DefaultValue = "30", Minimum = 10, Maximum = 600 },
        new() { Key = SmsTemplate, Description = "Message text. Placeholders: {code} (required), {ref}, {minutes}, {host}. Must fit one SMS; end with the line \"@{host} #{code}\" for browser autofill.", DefaultValue = DefaultTemplate, MaxLength = 480, Validate = ValidateTemplate },
        new() { Key = ValidityPeriod, Description = "Seconds the SMSC keeps trying to deliver; 0 = the code's lifetime.", Type = ScriptPropertyType.Integer, DefaultValue = "0", Minimum = 0, Maximum = 86400 },
        new() { Key = Enrollment, Description = "Where a user without a verified phone adds one: portal (the account portal only) or signin (also right in the sign-in, after the password).", Type = ScriptPropertyType.Choice, DefaultValue = "portal", AllowedValues = EnrollmentPolicies },
    ];

    public required string Host { get; init; }
    public required int PortNumber { get; init; }
    public required string SystemIdValue { get; init; }
    public required string PasswordValue { get; init; }
    public required string Source { get; init; }
    public required byte SourceTon { get; init; }
    public required byte SourceNpi { get; init; }
    public required byte DestinationTon { get; init; }
    public required byte DestinationNpi { get; init; }
    public required byte Priority { get; init; }
    public required SmppDataCodingPolicy DataCoding { get; init; }
    public required bool Tls { get; init; }
    public required string Attribute { get; init; }
    public required int CodeLength { get; init; }
    public required TimeSpan CodeLifetime { get; init; }
    public required int Attempts { get; init; }
    public required TimeSpan ResendCooldown { get; init; }
    public required string Template { get; init; }
    public required TimeSpan Validity { get; init; }
    public required bool EnrollAtSignIn { get; init; }

    /// <summary>Whether the SMSC account is configured at all (a system_id is set).</summary>
    public bool IsConfigured => SystemIdValue.Length > 0;

    /// <summary>A fingerprint of what the SMPP session depends on; a change means rebinding.</summary>
    public string ConnectionKey => string.Join('\u001f', Host, PortNumber.ToString(CultureInfo.InvariantCulture), SystemIdValue, PasswordValue, Tls ? "tls" : "plain",
        Source, SourceTon.ToString(CultureInfo.InvariantCulture), SourceNpi.ToString(CultureInfo.InvariantCulture), DestinationTon.ToString(CultureInfo.InvariantCulture),
        DestinationNpi.ToString(CultureInfo.InvariantCulture), Priority.ToString(CultureInfo.InvariantCulture), DataCoding.ToString(), Validity.Ticks.ToString(CultureInfo.InvariantCulture));

    public static SmppScriptSettings From(ScriptConfiguration configuration)
    {
        var lifetime = TimeSpan.FromSeconds(configuration.GetInteger(OtpLifetimeSeconds));
        var validity = configuration.GetInteger(ValidityPeriod);
        return new SmppScriptSettings
        {
            Host = configuration.GetString(Server),
            PortNumber = (int)configuration.GetInteger(Port),
            SystemIdValue = configuration.GetString(SystemId),
            PasswordValue = configuration.GetString(Password),
            Source = configuration.GetString(SourceAddr),
            SourceTon = TonNames[configuration.GetString(SourceAddrTon)],
            SourceNpi = NpiNames[configuration.GetString(SourceAddrNpi)],
            DestinationTon = TonNames[configuration.GetString(DestAddrTon)],
            DestinationNpi = NpiNames[configuration.GetString(DestAddrNpi)],
            Priority = (byte)configuration.GetInteger(PriorityFlag),
            DataCoding = Alphabets[configuration.GetString(DataCodingAlphabet)],
            Tls = configuration.GetBoolean(UseTls),
            Attribute = configuration.GetString(PhoneAttribute),
            CodeLength = (int)configuration.GetInteger(OtpLength),
            CodeLifetime = lifetime,
            Attempts = (int)configuration.GetInteger(MaxAttempts),
            ResendCooldown = TimeSpan.FromSeconds(configuration.GetInteger(ResendCooldownSeconds)),
            Template = configuration.GetString(SmsTemplate),
            Validity = validity == 0 ? lifetime : TimeSpan.FromSeconds(validity),
            EnrollAtSignIn = configuration.GetString(Enrollment) == "signin",
        };
    }

    /// <summary>Fills the template. Placeholders are case-sensitive; <c>\n</c> typed as two characters becomes a line break.</summary>
    public static string Render(string template, string code, string reference, TimeSpan lifetime, string host) =>
        template.Replace("\\n", "\n", StringComparison.Ordinal)
            .Replace("{code}", code, StringComparison.Ordinal)
            .Replace("{ref}", reference, StringComparison.Ordinal)
            .Replace("{minutes}", Math.Max(1, (int)Math.Round(lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{host}", host, StringComparison.Ordinal);

    private static string? ValidatePhoneAttribute(string value)
    {
        if (string.Equals(value, UserPhoneStore.VerifiedFlagAttribute, StringComparison.OrdinalIgnoreCase))
        {
            return "phoneNumberVerified is the flag that says a number was verified (true/false), not the number; set the attribute that holds the numbers, usually mobile.";
        }

        return value is UserPhoneStore.MobileAttribute or UserPhoneStore.TelephoneNumberAttribute
            ? null
            : $"the user store has no phone attribute '{value}'; use {UserPhoneStore.MobileAttribute} (several numbers, each verified) or {UserPhoneStore.TelephoneNumberAttribute}.";
    }

    /// <summary>
    /// The template must contain {code} and, filled with the worst case (10-digit code, 40-character host,
    /// 10 minutes), fit one SMS segment in the alphabet it needs.
    /// </summary>
    private static string? ValidateTemplate(string value)
    {
        var template = value.Replace("\\n", "\n", StringComparison.Ordinal);
        if (!template.Contains("{code}", StringComparison.Ordinal))
        {
            return "the template must contain {code}, or the message carries no code.";
        }

        var unknown = System.Text.RegularExpressions.Regex.Matches(template, @"\{([a-z_]+)\}")
            .Select(m => m.Groups[1].Value)
            .Where(name => name is not ("code" or "ref" or "minutes" or "host"))
            .Distinct()
            .ToList();
        if (unknown.Count > 0)
        {
            return $"unknown placeholder {string.Join(", ", unknown.Select(n => "{" + n + "}"))}; use {{code}}, {{ref}}, {{minutes}}, {{host}}.";
        }

        var worst = Render(template, new string('0', 10), "XXX", TimeSpan.FromMinutes(10), new string('h', 40));
        var info = SmsText.Analyze(worst);
        if (!info.IsSingleSegment)
        {
            var alphabet = info.Encoding == SmsEncoding.Gsm7 ? "GSM 7-bit" : info.Encoding.ToString();
            var hint = info.Encoding == SmsEncoding.Gsm7 ? "" : $" It needs {info.Encoding} because of the characters '{NonGsm(worst)}', which halves the room; use plain characters.";
            return $"the message must fit one SMS: with a 10-digit code and a 40-character host it needs {info.Segments} segments ({info.EncodedUnits} of {info.UnitsPerSegment} {alphabet} units per segment).{hint}";
        }

        return null;
    }

    private static string NonGsm(string text)
    {
        var gsm = SmsText.Analyze(text, SmppDataCodingPolicy.Gsm7);
        return gsm.UnsupportedCharacters;
    }
}
