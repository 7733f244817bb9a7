using System.Diagnostics;
using System.Text.Json;
using IdP.Smpp;
using IdP.Smpp.Throughput;

// Throughput of IdP.Smpp's SmppClient against the independent node-smpp SMSC (tests/peers/smsc.js):
// N submit_sm with at most W outstanding, the same workload as bench/smpp/node-client.js.
var options = BenchOptions.Parse(args);
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var ct = cts.Token;

await using var smsc = options.Port == 0 ? await NodeSmsc.StartAsync(options.Receipts, ct) : null;
var port = smsc?.Port ?? options.Port;
var wantReceipts = options.Receipts != "none";

var clientOptions = new SmppClientOptions
{
    Host = "127.0.0.1",
    Port = port,
    SystemId = "bench",
    Password = "bench",
    SourceAddress = "MyIdP",
    SourceTon = 5,
    SourceNpi = 0,
    DataCoding = SmppDataCodingPolicy.Gsm7,
    WindowSize = options.Window,
    RegisteredDelivery = wantReceipts,
    ResponseTimeout = TimeSpan.FromSeconds(30),
};

await using var client = new SmppClient(clientOptions);
var receipts = 0;
client.DeliveryReceiptReceived += (_, _) => Interlocked.Increment(ref receipts);
await client.StartAsync(ct);
await client.WaitUntilBoundAsync(ct);

if (options.Warmup > 0)
{
    var before = Volatile.Read(ref receipts);
    await RunAsync(options.Warmup);
    if (wantReceipts)
    {
        await WaitForReceiptsAsync(before + options.Warmup);
    }
}

var start = Volatile.Read(ref receipts);
var total = Stopwatch.StartNew();
var (latencies, errors) = await RunAsync(options.Count);
var submitSeconds = total.Elapsed.TotalSeconds;
if (wantReceipts)
{
    await WaitForReceiptsAsync(start + options.Count);
}

var totalSeconds = total.Elapsed.TotalSeconds;
Array.Sort(latencies);
var result = new BenchResult(
    "IdP.Smpp SmppClient",
    options.Count,
    options.Window,
    options.Receipts,
    errors,
    Math.Round(submitSeconds, 3),
    (long)Math.Round(options.Count / submitSeconds),
    wantReceipts ? Math.Round(totalSeconds, 3) : null,
    Math.Round(BenchResult.Percentile(latencies, 50), 3),
    Math.Round(BenchResult.Percentile(latencies, 99), 3));
Console.WriteLine(options.Json ? JsonSerializer.Serialize(result) : result.ToString());

await client.StopAsync(ct);
return errors == 0 ? 0 : 1;

// W workers, each awaiting its submit before sending the next: at most W outstanding, a new
// submit as soon as a response arrives (node-client.js does exactly this with callbacks).
async Task<(double[] Latencies, int Errors)> RunAsync(int count)
{
    var latencies = new double[count];
    var next = -1;
    var errors = 0;
    var workers = Enumerable.Range(0, Math.Min(options.Window, count)).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var message = new SmsMessage
            {
                Destination = (4915110000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Text = $"Your IdP code is {100000 + (i % 900000)}",
                RequestDeliveryReceipt = wantReceipts,
            };
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                await client.SubmitAsync(message, ct);
            }
            catch (SmppSubmitException)
            {
                Interlocked.Increment(ref errors);
            }

            latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
    });
    await Task.WhenAll(workers);
    return (latencies, errors);
}

async Task WaitForReceiptsAsync(int target)
{
    while (Volatile.Read(ref receipts) < target)
    {
        await Task.Delay(5, ct);
    }
}
