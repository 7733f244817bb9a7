using IdP.Authentication.Scripts;

namespace IdP.Authentication.Tests.Scripts;

public sealed class AcrResolverTests
{
    private static readonly AcrCatalog Catalog = new(
        [new AcrEntry("pwd", 10), new AcrEntry("smpp", 30), new AcrEntry("totp", 40)],
        new Dictionary<string, string> { ["urn:idp:acr:smpp"] = "smpp", ["urn:idp:acr:disabled"] = "u2f" });

    private static AcrResolution Resolve(string acrValues, string? essential = null, ClientAcrPolicy? policy = null, string? serverDefault = "pwd") =>
        AcrResolver.Resolve(
            acrValues.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            essential?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            policy ?? ClientAcrPolicy.None,
            serverDefault,
            Catalog);

    [Theory]
    [InlineData("smpp pwd", "smpp")]
    [InlineData("pwd smpp", "pwd")]
    [InlineData("unknown smpp", "smpp")]
    [InlineData("u2f totp", "totp")]
    [InlineData("urn:idp:acr:smpp", "smpp")]
    public void Resolve_AcrValues_FirstEnabledInOrderOfPreference(string acrValues, string expectedScript)
    {
        var result = Resolve(acrValues);

        Assert.True(result.Succeeded);
        Assert.Equal(expectedScript, result.Primary.Script);
        Assert.Equal("acr_values", result.Source);
        Assert.False(result.IsEssential);
    }

    [Fact]
    public void Resolve_Alias_ReportsTheAliasTheClientAskedFor()
    {
        var result = Resolve("urn:idp:acr:smpp");

        Assert.Equal("urn:idp:acr:smpp", result.Primary.ReportedAcr);
        Assert.Equal("smpp", result.Primary.Script);
        Assert.Equal(30, result.Primary.Level);
    }

    [Fact]
    public void Resolve_OnlyUnknownVoluntaryValues_FallsBackToServerDefaultWithoutError()
    {
        var result = Resolve("gold silver");

        Assert.True(result.Succeeded);
        Assert.Equal("pwd", result.Primary.Script);
        Assert.Equal("server_default", result.Source);
    }

    [Fact]
    public void Resolve_NoAcrValues_ClientDefaultBeatsServerDefault()
    {
        var result = Resolve("", policy: new ClientAcrPolicy { DefaultAcrValues = ["smpp"] });

        Assert.Equal("smpp", result.Primary.Script);
        Assert.Equal("client_default", result.Source);
    }

    [Fact]
    public void Resolve_DisabledServerDefault_FallsBackToWeakestEnabled()
    {
        var result = Resolve("", serverDefault: "u2f");

        Assert.Equal("pwd", result.Primary.Script);
        Assert.Equal("fallback", result.Source);
    }

    [Fact]
    public void Resolve_EssentialAcr_WinsOverAcrValues()
    {
        var result = Resolve("pwd", essential: "smpp");

        Assert.True(result.IsEssential);
        Assert.Equal("smpp", result.Primary.Script);
        Assert.Equal("claims", result.Source);
    }

    [Theory]
    [InlineData("u2f")]
    [InlineData("urn:idp:acr:disabled")]
    [InlineData("nonexistent")]
    public void Resolve_EssentialAcrNotAvailable_FailsWithUnmetRequirementsNeverWeaker(string essential)
    {
        var result = Resolve("pwd", essential: essential);

        Assert.False(result.Succeeded);
        Assert.Equal(AcrResolver.UnmetAuthenticationRequirements, result.Error);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void Resolve_EssentialAcrNotAllowedForClient_Fails()
    {
        var result = Resolve("", essential: "smpp", policy: new ClientAcrPolicy { AllowedAcrs = ["pwd"] });

        Assert.Equal(AcrResolver.UnmetAuthenticationRequirements, result.Error);
    }

    [Fact]
    public void Resolve_EssentialBelowClientMinimum_Fails()
    {
        var result = Resolve("", essential: "pwd", policy: new ClientAcrPolicy { MinimumLevel = 20 });

        Assert.Equal(AcrResolver.UnmetAuthenticationRequirements, result.Error);
    }

    [Fact]
    public void Resolve_EssentialKeepsAllItsValuesAsCandidatesInOrder()
    {
        var result = Resolve("", essential: "totp smpp");

        Assert.Equal(["totp", "smpp"], result.Candidates.Select(c => c.Script));
    }

    [Fact]
    public void Resolve_ClientAllowList_IgnoresValuesOutsideIt()
    {
        var result = Resolve("totp smpp", policy: new ClientAcrPolicy { AllowedAcrs = ["pwd", "urn:idp:acr:smpp"] });

        Assert.Equal("smpp", result.Primary.Script);
    }

    [Fact]
    public void Resolve_BelowClientMinimum_RaisedToWeakestAllowedThatMeetsIt()
    {
        var result = Resolve("pwd", policy: new ClientAcrPolicy { MinimumLevel = 20, RaiseToMinimum = true });

        Assert.Equal("smpp", result.Primary.Script);
        Assert.Equal("acr_values+raised", result.Source);
    }

    [Fact]
    public void Resolve_BelowClientMinimumWithoutRaise_AccessDenied()
    {
        var result = Resolve("pwd", policy: new ClientAcrPolicy { MinimumLevel = 20, RaiseToMinimum = false });

        Assert.Equal(AcrResolver.AccessDenied, result.Error);
    }

    [Fact]
    public void Resolve_NothingAllowed_AccessDenied()
    {
        var result = Resolve("", serverDefault: null, policy: new ClientAcrPolicy { AllowedAcrs = ["u2f"] });

        Assert.Equal(AcrResolver.AccessDenied, result.Error);
    }

    [Fact]
    public void Catalog_Enabled_IsInLevelOrderAndAliasesOnlyForEnabledScripts()
    {
        Assert.Equal(["pwd", "smpp", "totp"], Catalog.Enabled.Select(e => e.Acr));
        Assert.Equal(["urn:idp:acr:smpp"], Catalog.Aliases.Keys);
    }

    [Fact]
    public void Acceptable_FollowsTheEssentialValuesAndTheClientsRules_AndIsOpenOtherwise()
    {
        Assert.Null(Resolve("smpp").Acceptable);
        Assert.Equal(["smpp"], Resolve("", essential: "smpp").Acceptable);
        var strict = Resolve("", policy: new ClientAcrPolicy { AllowedAcrs = ["smpp", "totp"], MinimumLevel = 30, RaiseToMinimum = false });
        Assert.Equal(["smpp", "totp"], strict.Acceptable);
        Assert.False(strict.Accepts("pwd"));
        Assert.Equal(["smpp", "totp"], Resolve("pwd", policy: new ClientAcrPolicy { MinimumLevel = 30 }).Acceptable);
    }

    [Theory]
    [InlineData("", null, null, true)]            // no preference: the server default chose
    [InlineData("smpp", null, null, false)]       // acr_values named a method
    [InlineData("", "smpp", null, false)]         // an essential acr
    [InlineData("", null, "smpp", false)]         // the client's default_acr_values
    public void ChooserApplies_OnlyWhenNeitherRequestNorClientStatedAPreference(string acrValues, string? essential, string? clientDefault, bool applies)
    {
        var policy = new ClientAcrPolicy { DefaultAcrValues = clientDefault is null ? [] : [clientDefault] };
        var resolution = AcrResolver.Resolve(acrValues.Split(' ', StringSplitOptions.RemoveEmptyEntries), essential?.Split(' '), policy, "pwd", Catalog);

        Assert.Equal(applies, AcrResolver.ChooserApplies(true, resolution, policy, Catalog));
        Assert.False(AcrResolver.ChooserApplies(false, resolution, policy, Catalog));
    }

    [Fact]
    public void ChooserApplies_NotWhenTheClientLeavesOneMethod()
    {
        var policy = new ClientAcrPolicy { AllowedAcrs = ["smpp"] };
        var resolution = AcrResolver.Resolve([], null, policy, "pwd", Catalog);

        Assert.Equal("fallback", resolution.Source);
        Assert.False(AcrResolver.ChooserApplies(true, resolution, policy, Catalog));
    }
}
