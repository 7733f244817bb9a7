using IdP.Smpp.Receipts;
using IdP.Smpp.Simulator;
using IdP.Smpp.Tests.Peers;
using Xunit.Abstractions;

namespace IdP.Smpp.Tests.Kannel;

/// <summary>
/// Debian's Kannel (bearerbox + smsbox) as an independent ESME against our SmscSimulator: Kannel
/// binds, sends what /cgi-bin/sendsms was given, and the simulator's delivery receipt reaches
/// Kannel, which reports it on the dlr-url.
/// </summary>
public sealed class KannelSimulatorTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly KannelOptions BaseKannel = new() { SmscPort = 0 };

    public static TheoryData<SimulatorMessageIdFormat, SimulatorMessageIdFormat?, bool, int?> IdFormats => new()
    {
        // submit_sm_resp format, receipt format (null = same), receipt TLVs, Kannel msg-id-type
        { SimulatorMessageIdFormat.Decimal, null, true, null },
        { SimulatorMessageIdFormat.Decimal, null, false, null },
        { SimulatorMessageIdFormat.Hex, null, false, null },
        { SimulatorMessageIdFormat.Hex, SimulatorMessageIdFormat.Decimal, false, 0x01 },
        { SimulatorMessageIdFormat.Decimal, SimulatorMessageIdFormat.Hex, true, 0x02 },
    };

    [Theory]
    [MemberData(nameof(IdFormats))]
    public async Task SendSms_GsmTextWithEuroAndAt_SimulatorDecodesItAndReceiptReachesKannel(
        SimulatorMessageIdFormat idFormat, SimulatorMessageIdFormat? receiptIdFormat, bool receiptTlvs, int? kannelMsgIdType)
    {
        await using var simulator = await StartSimulatorAsync(o =>
        {
            o.MessageIdFormat = idFormat;
            o.ReceiptIdFormat = receiptIdFormat;
            o.ReceiptWithTlvs = receiptTlvs;
        });
        using var dlr = new DlrListener();
        await using var kannel = await KannelGateway.StartAsync(BaseKannel with { SmscPort = simulator.Port, MsgIdType = kannelMsgIdType });
        const string text = "Code 123 € @ ok";

        var (status, body) = await kannel.SendSmsAsync("+4915112345678", text, from: "MyIdP", dlrUrl: dlr.UrlFor("m1"));

        Assert.True(status is 200 or 202, $"sendsms answered {status} {body}\n{kannel.LogTail()}");
        var message = await WaitForMessageAsync(simulator, kannel, m => m.Destination == "4915112345678");
        Assert.Equal(text, message.Text);
        Assert.Equal(0, message.DataCoding);
        // Kannel converted UTF-8 to GSM 03.38 (unpacked): € = 1B 65, @ = 00.
        Assert.Equal("436f646520313233201b652000206f6b", PeerSession.Hex(message.ShortMessage));
        Assert.Equal(1, message.DestinationTon);
        Assert.Equal(1, message.DestinationNpi);
        Assert.Equal("MyIdP", message.Source);
        Assert.Equal("kannel", message.SystemId);
        Assert.NotEqual(0, message.RegisteredDelivery & 0x03);

        // type 8 = "delivered to SMSC": Kannel parsed the simulator's submit_sm_resp.
        await dlr.WaitForAsync(c => c["ref"] == "m1" && c["type"] == "8", Timeout, () => kannel.LogTail());
        var delivered = await dlr.WaitForAsync(c => c["ref"] == "m1" && c["type"] == "1", Timeout, () => kannel.LogTail());
        Assert.Contains("stat:DELIVRD", delivered["answer"], StringComparison.Ordinal);
        var expectedFid = kannelMsgIdType is { } t && (t & 0x01) != 0 && idFormat == SimulatorMessageIdFormat.Hex
            ? Convert.ToInt64(message.MessageId, 16).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : message.MessageId;
        Assert.Equal(expectedFid, delivered["fid"]);
    }

    [Fact]
    public async Task SendSms_Ucs2Text_SimulatorDecodesUtf16()
    {
        await using var simulator = await StartSimulatorAsync();
        using var dlr = new DlrListener();
        await using var kannel = await KannelGateway.StartAsync(BaseKannel with { SmscPort = simulator.Port });
        const string text = "Ваш код 4711 😀";

        var (status, body) = await kannel.SendSmsAsync("+4915112345678", text, from: "MyIdP", dlrUrl: dlr.UrlFor("u1"), coding: 2);

        Assert.True(status is 200 or 202, $"sendsms answered {status} {body}");
        var message = await WaitForMessageAsync(simulator, kannel, m => m.Destination == "4915112345678");
        Assert.Equal(8, message.DataCoding);
        Assert.Equal(text, message.Text);
        Assert.Equal(PeerSession.Hex(System.Text.Encoding.BigEndianUnicode.GetBytes(text)), PeerSession.Hex(message.ShortMessage));
        await dlr.WaitForAsync(c => c["ref"] == "u1" && c["type"] == "1", Timeout, () => kannel.LogTail());
    }

    [Fact]
    public async Task SendSms_ReceiptUndeliverable_KannelReportsFailure()
    {
        await using var simulator = await StartSimulatorAsync(o =>
        {
            o.ReceiptState = MessageState.Undeliverable;
            o.ReceiptWithTlvs = true;
        });
        using var dlr = new DlrListener();
        await using var kannel = await KannelGateway.StartAsync(BaseKannel with { SmscPort = simulator.Port });

        await kannel.SendSmsAsync("+4915112345678", "Code 1", from: "MyIdP", dlrUrl: dlr.UrlFor("f1"));

        await WaitForMessageAsync(simulator, kannel, m => m.Text == "Code 1");
        var failed = await dlr.WaitForAsync(c => c["ref"] == "f1" && c["type"] == "2", Timeout, () => kannel.LogTail());
        Assert.Contains("stat:UNDELIV", failed["answer"], StringComparison.Ordinal);
        Assert.DoesNotContain(dlr.Calls, c => c["ref"] == "f1" && c["type"] == "1");
    }

    [Fact]
    public async Task SendSms_LongText_KannelConcatenatesAndSimulatorSeesUdhParts()
    {
        await using var simulator = await StartSimulatorAsync();
        using var dlr = new DlrListener();
        await using var kannel = await KannelGateway.StartAsync(BaseKannel with { SmscPort = simulator.Port });
        var text = string.Concat(Enumerable.Range(0, 200).Select(i => (char)('a' + (i % 26))));

        var (status, body) = await kannel.SendSmsAsync("+4915112345678", text, from: "MyIdP", dlrUrl: dlr.UrlFor("l1"));

        Assert.True(status is 200 or 202, $"sendsms answered {status} {body}");
        await WaitForMessageAsync(simulator, kannel, m => m.Destination == "4915112345678" && IsPart(m, 2));
        var parts = simulator.Messages.Where(m => m.Destination == "4915112345678").OrderBy(m => m.ShortMessage[5]).ToList();
        Assert.Equal(2, parts.Count);
        var reference = parts[0].ShortMessage[3];
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(0x40, parts[i].EsmClass & 0x40);
            Assert.Equal(new byte[] { 0x05, 0x00, 0x03, reference, 0x02, (byte)(i + 1) }, parts[i].ShortMessage[..6]);
        }

        Assert.Equal(text, parts[0].Text + parts[1].Text);
        await dlr.WaitForAsync(c => c["ref"] == "l1" && c["type"] == "1", Timeout, () => kannel.LogTail());
    }

    [Fact]
    public async Task KannelBind_WhileConnected_SimulatorCountsOneSession()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var kannel = await KannelGateway.StartAsync(BaseKannel with { SmscPort = simulator.Port });

        var status = await kannel.StatusAsync();

        Assert.Contains($"{KannelGateway.SmscId}[{KannelGateway.SmscId}]", status, StringComparison.Ordinal);
        Assert.Equal(1, simulator.ActiveSessions);
    }

    [Fact]
    public async Task SendSms_SimulatorThrottlesEverySecondSubmit_KannelRetriesAndAllArrive()
    {
        await using var simulator = await StartSimulatorAsync(o => o.ThrottleEveryNth = 2);
        using var dlr = new DlrListener();
        await using var kannel = await KannelGateway.StartAsync(BaseKannel with { SmscPort = simulator.Port });

        for (var i = 0; i < 4; i++)
        {
            await kannel.SendSmsAsync("+491511234560" + i, "Throttled " + i, from: "MyIdP", dlrUrl: dlr.UrlFor("t" + i));
        }

        for (var i = 0; i < 4; i++)
        {
            var reference = "t" + i;
            await dlr.WaitForAsync(c => c["ref"] == reference && c["type"] == "1", Timeout, () => kannel.LogTail());
            Assert.Single(simulator.Messages, m => m.Text == "Throttled " + i);
        }
    }

    [Fact]
    public async Task SendSms_SimulatorRejectsSubmit_KannelReportsSmscNack()
    {
        await using var simulator = await StartSimulatorAsync(o => o.RejectStatus = 0x0B); // ESME_RINVDSTADR
        using var dlr = new DlrListener();
        await using var kannel = await KannelGateway.StartAsync(BaseKannel with { SmscPort = simulator.Port });

        await kannel.SendSmsAsync("+4915112345678", "Rejected", from: "MyIdP", dlrUrl: dlr.UrlFor("r1"));

        // dlr type 16 = "non-delivered to SMSC": Kannel understood the error submit_sm_resp.
        await dlr.WaitForAsync(c => c["ref"] == "r1" && c["type"] == "16", Timeout, () => kannel.LogTail());
        Assert.DoesNotContain(dlr.Calls, c => c["ref"] == "r1" && c["type"] is "1" or "8");
    }

    [Fact]
    public async Task SendSms_SimulatorDropsConnection_KannelRebindsAndDelivers()
    {
        await using var simulator = await StartSimulatorAsync(o => o.DropConnectionAfterSubmits = 1);
        using var dlr = new DlrListener();
        await using var kannel = await KannelGateway.StartAsync(BaseKannel with { SmscPort = simulator.Port });

        await kannel.SendSmsAsync("+4915112345678", "First", from: "MyIdP", dlrUrl: dlr.UrlFor("d1"));
        await WaitForMessageAsync(simulator, kannel, m => m.Text == "First");
        simulator.DropConnectionAfterSubmits = null;
        await kannel.SendSmsAsync("+4915112345679", "Second", from: "MyIdP", dlrUrl: dlr.UrlFor("d2"));

        await WaitForMessageAsync(simulator, kannel, m => m.Text == "Second");
        await dlr.WaitForAsync(c => c["ref"] == "d2" && c["type"] == "1", Timeout, () => kannel.LogTail());

        // The dropped session is cleaned up asynchronously; eventually only Kannel's new bind remains.
        var deadline = DateTime.UtcNow + Timeout;
        while (simulator.ActiveSessions != 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, simulator.ActiveSessions);
    }

    /// <summary>The simulator's wait, with Kannel's log tail in the failure message.</summary>
    private static async Task<SimulatedMessage> WaitForMessageAsync(SmscSimulator simulator, KannelGateway kannel, Func<SimulatedMessage, bool> predicate)
    {
        try
        {
            return await simulator.WaitForMessageAsync(predicate, Timeout);
        }
        catch (TimeoutException e)
        {
            var seen = string.Join('\n', simulator.Messages.Select(m => $"{m.Destination} dc={m.DataCoding} esm={m.EsmClass} text={m.Text}"));
            throw new TimeoutException($"The simulator received no matching message from Kannel within {Timeout}. Messages:\n{seen}\n{kannel.LogTail()}", e);
        }
    }

    private static bool IsPart(SimulatedMessage m, int sequence) =>
        (m.EsmClass & 0x40) != 0 && m.ShortMessage.Length > 6 && m.ShortMessage[5] == sequence;

    private async Task<SmscSimulator> StartSimulatorAsync(Action<SmscSimulatorOptions>? configure = null)
    {
        var options = new SmscSimulatorOptions
        {
            Port = 0,
            Credentials = new Dictionary<string, string>(StringComparer.Ordinal) { [BaseKannel.SmscUsername] = BaseKannel.SmscPassword },
            SendDeliveryReceipts = true,
        };
        configure?.Invoke(options);
        var simulator = new SmscSimulator(options, new TestOutputLogger<SmscSimulator>(output));
        await simulator.StartAsync(CancellationToken.None);
        return simulator;
    }
}
