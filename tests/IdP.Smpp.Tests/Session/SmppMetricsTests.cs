using System.Diagnostics.Metrics;
using IdP.Smpp.Logging;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Session;

public sealed class SmppMetricsTests
{
    [Fact]
    public async Task Meter_AfterSubmit_ReportsSubmitCountForTheSystemId()
    {
        await using var smsc = await Smsc.StartAsync(o => o.Credentials = new Dictionary<string, string>());
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc, o => o.SystemId = "metrics-test"));
        await client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);
        long observed = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SmppMetrics.MeterName && instrument.Name == "smpp.submits") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "smpp.system_id" && (string?)tag.Value == "metrics-test") observed = value;
            }
        });
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(1, observed);
    }
}
