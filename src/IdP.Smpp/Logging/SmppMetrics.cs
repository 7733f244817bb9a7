using System.Diagnostics.Metrics;

namespace IdP.Smpp.Logging;

/// <summary>
/// Publishes every live client's <see cref="SmppClientCounters"/> on the <c>IdP.Smpp</c> meter (for OpenTelemetry or
/// dotnet-counters), tagged with the system_id. Clients are held weakly, so nothing leaks.
/// </summary>
public static class SmppMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "IdP.Smpp";

    private static readonly Meter Meter = new(MeterName);
    private static readonly List<(WeakReference<SmppClientCounters> Counters, string SystemId)> Clients = [];

    static SmppMetrics()
    {
        Meter.CreateObservableCounter("smpp.submits", () => Observe(c => c.Submitted), description: "submit_sm accepted by the SMSC");
        Meter.CreateObservableCounter("smpp.submit_errors", () => Observe(c => c.SubmitErrors), description: "submits rejected or with unknown outcome");
        Meter.CreateObservableCounter("smpp.throttled", () => Observe(c => c.Throttled), description: "ESME_RTHROTTLED / ESME_RMSGQFUL responses");
        Meter.CreateObservableCounter("smpp.receipts", () => Observe(c => c.Receipts), description: "delivery receipts raised");
        Meter.CreateObservableCounter("smpp.reconnects", () => Observe(c => c.Reconnects), description: "re-established connections");
        Meter.CreateObservableCounter("smpp.binds", () => Observe(c => c.Binds), description: "successful binds");
        Meter.CreateObservableCounter("smpp.bind_failures", () => Observe(c => c.BindFailures), description: "failed bind attempts");
        Meter.CreateObservableCounter("smpp.timeouts", () => Observe(c => c.Timeouts), description: "requests without a response in time");
        Meter.CreateObservableGauge("smpp.window_in_use", () => Observe(c => c.WindowInUse), description: "requests in flight");
    }

    internal static void Register(SmppClientCounters counters, string systemId)
    {
        lock (Clients) Clients.Add((new WeakReference<SmppClientCounters>(counters), systemId));
    }

    private static List<Measurement<long>> Observe(Func<SmppClientCounters, long> read)
    {
        var measurements = new List<Measurement<long>>();
        lock (Clients)
        {
            Clients.RemoveAll(c => !c.Counters.TryGetTarget(out _));
            foreach (var (reference, systemId) in Clients)
            {
                if (reference.TryGetTarget(out var counters))
                {
                    measurements.Add(new Measurement<long>(read(counters), new KeyValuePair<string, object?>("smpp.system_id", systemId)));
                }
            }
        }
        return measurements;
    }
}
