using System.Text.Json;
using IdP.Authentication.Scripts;
using IdP.Data.Entities;
using IdP.Server.OpenId;

namespace IdP.Server.IntegrationTests.Acr;

/// <summary>
/// The rule that binds a completed sign-in flow to the resolution it was created for (pure, no server): which
/// completed flows may answer an authorization request at all.
/// </summary>
public sealed class CompletedFlowCheckTests
{
    private static readonly AcrCatalog Catalog = new([new AcrEntry("pwd", 10), new AcrEntry("smpp", 30)]);

    private static LoginFlow Flow(string started, string ended, string? client = "rp", bool essential = false) => new()
    {
        Id = "flow-id-1",
        ClientId = client,
        ScriptAcr = ended,
        ReportedAcr = ended,
        Level = Catalog.Find(ended)!.Level,
        IsEssential = essential,
        Candidates = JsonSerializer.Serialize(new[] { new AcrChoice(started, started, Catalog.Find(started)!.Level) }, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
    };

    private static AcrDemand Demand(string acrValues = "", string? essential = null, ClientAcrPolicy? policy = null, bool chooser = false)
    {
        policy ??= ClientAcrPolicy.None;
        var resolution = AcrResolver.Resolve(acrValues.Split(' ', StringSplitOptions.RemoveEmptyEntries), essential?.Split(' '), policy, "pwd", Catalog);
        return new AcrDemand(resolution, AcrResolver.ChooserApplies(chooser, resolution, policy, Catalog));
    }

    [Fact]
    public void OwnFlow_FallingBackToTheAlternative_AnswersAVoluntaryRequest() =>
        Assert.Equal("pwd", CompletedFlowCheck.AnsweredAcr(Flow("smpp", "pwd"), "rp", Demand("smpp"), Catalog));

    [Fact]
    public void FlowOfAnotherClientOrOfNoClient_NeverAnswers()
    {
        Assert.Null(CompletedFlowCheck.AnsweredAcr(Flow("smpp", "smpp", client: "other"), "rp", Demand("smpp"), Catalog));
        Assert.Null(CompletedFlowCheck.AnsweredAcr(Flow("pwd", "pwd", client: null), "rp", Demand(), Catalog));
    }

    [Fact]
    public void DefaultAcrFlow_NeverAnswersAStricterRequest() =>
        Assert.Null(CompletedFlowCheck.AnsweredAcr(Flow("pwd", "pwd"), "rp", Demand("smpp"), Catalog));

    [Fact]
    public void EssentialRequest_OnlyItsOwnValues_NeverAFallback()
    {
        Assert.Equal("smpp", CompletedFlowCheck.AnsweredAcr(Flow("smpp", "smpp", essential: true), "rp", Demand(essential: "smpp"), Catalog));
        Assert.Null(CompletedFlowCheck.AnsweredAcr(Flow("smpp", "pwd", essential: true), "rp", Demand(essential: "smpp"), Catalog));
        Assert.Null(CompletedFlowCheck.AnsweredAcr(Flow("smpp", "smpp", essential: false), "rp", Demand(essential: "smpp"), Catalog));
    }

    [Fact]
    public void ClientMinimum_RefusesAFlowThatEndedBelowIt()
    {
        var policy = new ClientAcrPolicy { AllowedAcrs = ["smpp"], MinimumLevel = 30, RaiseToMinimum = false };
        Assert.Null(CompletedFlowCheck.AnsweredAcr(Flow("smpp", "pwd"), "rp", Demand(policy: policy), Catalog));
        Assert.Equal("smpp", CompletedFlowCheck.AnsweredAcr(Flow("smpp", "smpp"), "rp", Demand(policy: policy), Catalog));
    }

    [Fact]
    public void ChooserPick_AnswersOnlyWhereTheChooserApplies()
    {
        Assert.Equal("pwd", CompletedFlowCheck.AnsweredAcr(Flow("pwd", "pwd"), "rp", Demand(chooser: true), Catalog));
        Assert.Equal("smpp", CompletedFlowCheck.AnsweredAcr(Flow("smpp", "smpp"), "rp", Demand(chooser: true), Catalog));
        Assert.Null(CompletedFlowCheck.AnsweredAcr(Flow("pwd", "pwd"), "rp", Demand("smpp", chooser: true), Catalog));
    }

    [Fact]
    public void FailedFlow_NeverAnswers()
    {
        var flow = Flow("smpp", "smpp");
        flow.Error = "access_denied";
        Assert.Null(CompletedFlowCheck.AnsweredAcr(flow, "rp", Demand("smpp"), Catalog));
    }
}
