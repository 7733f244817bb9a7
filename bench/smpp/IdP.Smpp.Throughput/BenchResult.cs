using System.Text.Json.Serialization;

namespace IdP.Smpp.Throughput;

/// <summary>One benchmark run, printed with the same JSON field names as node-client.js.</summary>
public sealed record BenchResult(
    [property: JsonPropertyName("client")] string Client,
    [property: JsonPropertyName("messages")] int Messages,
    [property: JsonPropertyName("window")] int Window,
    [property: JsonPropertyName("receipts")] string Receipts,
    [property: JsonPropertyName("errors")] int Errors,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("messages_per_second")] long MessagesPerSecond,
    [property: JsonPropertyName("with_receipts_seconds")] double? WithReceiptsSeconds,
    [property: JsonPropertyName("p50_ms")] double P50Ms,
    [property: JsonPropertyName("p99_ms")] double P99Ms)
{
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
