using System.Net;
using IdP.Authentication.Sms;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Commands;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.Sms;
using IdP.Smpp.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdP.Server.IntegrationTests.Sms.SmppTestSettings;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>
/// The node's long-lived SMPP session against the independent npm <c>smpp</c> SMSC (tests/peers/smsc.js) and real
/// PostgreSQL: one bind reused, reconnect when the SMSC comes up, rebind on a changed property, receipts into the
/// SMS records, the node table and /health.
/// </summary>
[Collection(SmsServerCollection.Name)]
public sealed class SmppGatewayTests(SmsServerFixture fixture)
{
    private const string Phone = "+4915112345678";

    private IdPServer Server => fixture.Server;

    private ISmsSender Sender => Server.Services.GetRequiredService<ISmsSender>();

    private SmppGateway Gateway => Server.Services.GetRequiredService<SmppGateway>();

    [Fact]
    public async Task Gateway_SeveralSends_ReuseOneBindAndWriteTheNodeRow()
    {
        await using var smsc = await SmscPeer.StartAsync(systemId: "gw-reuse", password: "pw-reuse");
        var submittedBefore = Gateway.Submitted;

        await ConfigureAsync(Server, smsc.Port, "gw-reuse", "pw-reuse", enable: true);
        await WaitUntilReadyAsync(Server, $"127.0.0.1:{smsc.Port}");
        var results = new List<SmsSendResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await Sender.SendAsync(new SmsSendRequest(Phone, $"Reuse test {i}"), CancellationToken.None));
        }

        var submits = await smsc.WaitForCountAsync(e => SmscPeer.Is(e, "submit") && SmscPeer.Int(e, "status") == 0, 3, Patience);
        Assert.All(results, r => Assert.Equal(SmsSendOutcome.Accepted, r.Outcome));
        Assert.All(results, r => Assert.Equal(fixture.NodeName, r.Node));
        Assert.Equal(submits.Select(s => SmscPeer.Str(s, "message_id")), results.Select(r => Assert.Single(r.MessageIds)));
        Assert.Equal(["Reuse test 0", "Reuse test 1", "Reuse test 2"], submits.Select(s => SmscPeer.Str(s, "text")));
        Assert.All(submits, s => Assert.Equal("4915112345678", SmscPeer.Str(s, "destination")));
        var bind = Assert.Single(smsc.Binds);
        Assert.Equal("bind_transceiver", SmscPeer.Str(bind, "command"));
        Assert.Equal("gw-reuse", SmscPeer.Str(bind, "system_id"));

        SmppNodeState? row = null;
        await WaitUntilAsync(async () =>
        {
            row = await ReadNodeRowAsync();
            return row is { State: "BoundTransceiver" } && row.Submitted >= submittedBefore + 3;
        }, () => $"the node row shows the bound session and 3 more submits; row: {Describe(row)}");
        Assert.Equal($"127.0.0.1:{smsc.Port}", row!.Endpoint);
        Assert.Contains("NODESMSC", row.Detail, StringComparison.Ordinal);
        Assert.True(row.UpdatedAt > DateTimeOffset.UtcNow.AddMinutes(-1), $"heartbeat at {row.UpdatedAt:O}");
    }

    [Fact]
    public async Task Gateway_SmscDown_SendIsUnavailableAndHealthDegradedThenReconnectsWhenItComesUp()
    {
        var port = SmscPeer.FreePort();
        await ConfigureAsync(Server, port, "gw-down", "pw-down", enable: true);
        await WaitUntilAsync(() => Sender.Status.State == GatewayStates.NotBound && Sender.Status.Endpoint == $"127.0.0.1:{port}",
            () => $"the node reports it cannot bind to port {port}; status: {Sender.Status}");

        var down = await Sender.SendAsync(new SmsSendRequest(Phone, "While down"), CancellationToken.None);
        using var http = Server.CreateOidcClient();
        using var degraded = await http.Http.GetAsync("/health");
        var degradedText = await degraded.Content.ReadAsStringAsync();

        Assert.Equal(SmsSendOutcome.Unavailable, down.Outcome);
        Assert.Empty(down.MessageIds);
        Assert.Contains($"Not bound to the SMSC 127.0.0.1:{port}", down.Error, StringComparison.Ordinal);
        Assert.Contains("refused", down.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.StartsWith("Degraded\nsmpp: Degraded - NotBound: Not bound to the SMSC 127.0.0.1:" + port, degradedText, StringComparison.Ordinal);

        await using var smsc = await SmscPeer.StartAsync(port: port);
        await smsc.WaitForAsync(e => SmscPeer.Is(e, "bind") && SmscPeer.Int(e, "result") == 0, Patience);
        await WaitUntilReadyAsync(Server, $"127.0.0.1:{port}");
        var up = await Sender.SendAsync(new SmsSendRequest(Phone, "After the SMSC came up"), CancellationToken.None);
        using var healthy = await http.Http.GetAsync("/health");

        Assert.Equal(SmsSendOutcome.Accepted, up.Outcome);
        var submit = await smsc.WaitForAsync(e => SmscPeer.Is(e, "submit"), Patience);
        Assert.Equal("After the SMSC came up", SmscPeer.Str(submit, "text"));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Gateway_SystemIdChangedWithTheCli_UnbindsAndRebindsWithTheNewOne()
    {
        await using var smsc = await SmscPeer.StartAsync();
        await ConfigureAsync(Server, smsc.Port, "gw-first", "pw", enable: true);
        await smsc.WaitForAsync(e => SmscPeer.Is(e, "bind") && SmscPeer.Str(e, "system_id") == "gw-first", Patience);
        await WaitUntilReadyAsync(Server, "'gw-first'");

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(Server.Services, ["acr", "set-property", "smpp", "system_id", "gw-second"], output, error, CancellationToken.None);
        Assert.True(exit == 0, error.ToString());
        await smsc.WaitForAsync(e => SmscPeer.Is(e, "bind") && SmscPeer.Str(e, "system_id") == "gw-second", Patience);
        await WaitUntilReadyAsync(Server, "'gw-second'");
        var sent = await Sender.SendAsync(new SmsSendRequest(Phone, "After the rebind"), CancellationToken.None);

        Assert.Equal(SmsSendOutcome.Accepted, sent.Outcome);
        var events = smsc.Events.ToList();
        var firstBind = events.FindIndex(e => SmscPeer.Is(e, "bind") && SmscPeer.Str(e, "system_id") == "gw-first");
        var unbind = events.FindIndex(e => SmscPeer.Is(e, "unbind"));
        var secondBind = events.FindIndex(e => SmscPeer.Is(e, "bind") && SmscPeer.Str(e, "system_id") == "gw-second");
        Assert.True(firstBind < unbind && unbind < secondBind, $"the old session unbinds before the new one binds:\n{smsc.Diagnostics()}");
        Assert.Equal(2, smsc.Binds.Count);
        var submit = await smsc.WaitForAsync(e => SmscPeer.Is(e, "submit"), Patience);
        Assert.Equal(SmscPeer.Int(events[secondBind], "session"), SmscPeer.Int(submit, "session"));
    }

    [Fact]
    public async Task Gateway_SmscRejectsTheSubmit_ReturnsRejectedWithTheStatus()
    {
        await using var simulator = new SmscSimulator(new SmscSimulatorOptions { Port = 0, RejectStatus = 0x0B });
        await simulator.StartAsync(CancellationToken.None);
        await ConfigureAsync(Server, simulator.Port, "gw-reject", "pw", enable: true);
        await WaitUntilReadyAsync(Server, $"127.0.0.1:{simulator.Port}");

        var result = await Sender.SendAsync(new SmsSendRequest(Phone, "Rejected"), CancellationToken.None);

        Assert.Equal(SmsSendOutcome.Rejected, result.Outcome);
        Assert.Empty(result.MessageIds);
        Assert.Contains("ESME_RINVDSTADR", result.Error, StringComparison.Ordinal);
        Assert.Contains("destination number", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DELIVRD", SmsStates.Delivered)]
    [InlineData("UNDELIV", SmsStates.Failed)]
    public async Task Gateway_DeliveryReceipt_UpdatesTheSmsRecord(string stat, string expectedState)
    {
        await using var smsc = await SmscPeer.StartAsync(receipts: "tlv", receiptStat: stat);
        await ConfigureAsync(Server, smsc.Port, "gw-receipt", "pw", enable: true);
        await WaitUntilReadyAsync(Server, $"127.0.0.1:{smsc.Port}");
        var record = await NewRecordAsync(Server, Phone);

        // As the sign-in step does: send, then store the ids (the receipt may well arrive before they are stored).
        var result = await Sender.SendAsync(new SmsSendRequest(Phone, "Receipt test"), CancellationToken.None);
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SmsDeliveryRecords>().CompleteSendAsync(record, result, CancellationToken.None);
        }

        var messageId = Assert.Single(result.MessageIds);
        await smsc.WaitForAsync(e => SmscPeer.Is(e, "receipt") && SmscPeer.Str(e, "receipt_id") == messageId, Patience);
        SmsMessage? stored = null;
        await WaitUntilAsync(async () => (stored = await ReadRecordAsync(Server, record.Id)).State == expectedState,
            () => $"the record becomes {expectedState}; it is {stored?.State} ({stored?.Error})");
        Assert.Equal(messageId, stored!.MessageIds);
        Assert.Equal(fixture.NodeName, stored.Node);
        Assert.NotNull(stored.CompletedAt);
        await using var check = Server.Services.CreateAsyncScope();
        var segment = await check.ServiceProvider.GetRequiredService<IdPDbContext>().SmsSegments.AsNoTracking().SingleAsync(s => s.SmsMessageId == record.Id);
        Assert.Equal(stat, segment.ReceiptState);
    }

    [Fact]
    public async Task Gateway_ScriptDisabled_UnbindsAndReportsDisabledAsHealthy()
    {
        await using var smsc = await SmscPeer.StartAsync();
        await ConfigureAsync(Server, smsc.Port, "gw-disable", "pw", enable: true);
        await WaitUntilReadyAsync(Server, $"127.0.0.1:{smsc.Port}");

        await SetEnabledAsync(Server, false);
        await smsc.WaitForAsync(e => SmscPeer.Is(e, "unbind"), Patience);
        await WaitUntilAsync(() => Sender.Status.State == GatewayStates.Disabled, () => $"the node reports Disabled; status: {Sender.Status}");
        var result = await Sender.SendAsync(new SmsSendRequest(Phone, "While disabled"), CancellationToken.None);
        using var http = Server.CreateOidcClient();
        using var health = await http.Http.GetAsync("/health");
        SmppNodeState? row = null;
        await WaitUntilAsync(async () => (row = await ReadNodeRowAsync())?.State == GatewayStates.Disabled, () => $"the node row shows Disabled; row: {Describe(row)}");

        Assert.Equal(SmsSendOutcome.Unavailable, result.Outcome);
        Assert.Contains("acr enable smpp", result.Error, StringComparison.Ordinal);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Single(smsc.Binds);
        Assert.Empty(smsc.Submits);
    }

    private async Task<SmppNodeState?> ReadNodeRowAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdPDbContext>().SmppNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Node == fixture.NodeName);
    }

    private static string Describe(SmppNodeState? row) =>
        row is null ? "(none)" : $"{row.State} / {row.Endpoint} / submitted {row.Submitted} / {row.Detail}";
}
