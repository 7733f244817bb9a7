using IdP.Authentication.Scripts;

namespace IdP.Authentication.Tests.Scripts;

public sealed class ScriptConfigurationTests
{
    private static readonly IReadOnlyList<ScriptPropertyDefinition> Definitions =
    [
        new() { Key = "smpp_port", Description = "SMSC port", Type = ScriptPropertyType.Integer, DefaultValue = "2775", Minimum = 1, Maximum = 65535 },
        new() { Key = "use_tls", Description = "TLS", Type = ScriptPropertyType.Boolean, DefaultValue = "false" },
        new() { Key = "source_addr_ton", Description = "TON", Type = ScriptPropertyType.Choice, DefaultValue = "international", AllowedValues = ["unknown", "international", "alphanumeric"] },
        new() { Key = "password", Description = "SMSC password", IsSecret = true },
        new()
        {
            Key = "sms_template", Description = "Message", DefaultValue = "Your code is {code}",
            Validate = v => v.Contains("{code}", StringComparison.Ordinal) ? null : "the template must contain {code}.",
        },
    ];

    [Fact]
    public void Configuration_StoredValuesOverDefaults_TypedGetters()
    {
        var config = new ScriptConfiguration(Definitions, new Dictionary<string, string>
        {
            ["smpp_port"] = " 3550 ",
            ["use_tls"] = "True",
            ["source_addr_ton"] = "ALPHANUMERIC",
            ["password"] = "s3cret-pw",
        });

        Assert.Equal(3550, config.GetInteger("smpp_port"));
        Assert.True(config.GetBoolean("use_tls"));
        Assert.Equal("alphanumeric", config.GetString("source_addr_ton"));
        Assert.Equal("Your code is {code}", config.GetString("sms_template"));
        Assert.Equal("s3cret-pw", config.GetString("password"));
    }

    [Fact]
    public void Configuration_Display_MasksSecrets()
    {
        var config = new ScriptConfiguration(Definitions, new Dictionary<string, string> { ["password"] = "s3cret-pw" });

        Assert.Equal("••••••", config.ToDisplay()["password"]);
        Assert.DoesNotContain("s3cret-pw", config.ToString(), StringComparison.Ordinal);
        Assert.Contains("smpp_port=2775", config.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smpp_port", "0", "between 1 and 65535")]
    [InlineData("smpp_port", "70000", "out of range")]
    [InlineData("smpp_port", "abc", "whole number")]
    [InlineData("use_tls", "yes", "true or false")]
    [InlineData("source_addr_ton", "national", "must be one of unknown, international, alphanumeric")]
    [InlineData("sms_template", "Hello", "must contain {code}")]
    public void Configuration_InvalidValue_ExplainsWhatIsWrong(string key, string value, string expected)
    {
        var stored = new Dictionary<string, string> { ["password"] = "x", [key] = value };

        var ex = Assert.Throws<ScriptConfigurationException>(() => new ScriptConfiguration(Definitions, stored));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{key}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_MissingRequired_ListsEveryProblem()
    {
        var ex = Assert.Throws<ScriptConfigurationException>(() =>
            new ScriptConfiguration(Definitions, new Dictionary<string, string> { ["smpp_port"] = "-1" }));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.Contains("'password' is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Definition_InvalidSecret_NeverEchoesTheValue()
    {
        var secret = new ScriptPropertyDefinition { Key = "api_key", Description = "key", IsSecret = true, Validate = _ => "too weak" , MaxLength = 8 };

        var (_, error) = secret.Check("super-secret-value-123");

        Assert.NotNull(error);
        Assert.DoesNotContain("super-secret", error, StringComparison.Ordinal);
    }
}
