using System.Globalization;

namespace IdP.Smpp.Throughput;

/// <summary>Command line of the throughput benchmark (same flags as bench/smpp/node-client.js).</summary>
public sealed record BenchOptions
{
    public int Count { get; init; } = 20_000;

    public int Window { get; init; } = 10;

    /// <summary>"none" or "tlv": whether the node SMSC sends a delivery receipt per message.</summary>
    public string Receipts { get; init; } = "none";

    public int Warmup { get; init; } = 1_000;

    /// <summary>Connect to an already running SMSC instead of starting tests/peers/smsc.js.</summary>
    public int Port { get; init; }

    public bool Json { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {args[i]} needs a value");
            int NextInt() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--count" => options with { Count = NextInt() },
                "--window" => options with { Window = NextInt() },
                "--receipts" => options with { Receipts = Next() },
                "--warmup" => options with { Warmup = NextInt() },
                "--port" => options with { Port = NextInt() },
                "--json" => options with { Json = true },
                _ => throw new ArgumentException($"unknown option {args[i]} (use --count N --window W --receipts none|tlv --warmup N --port P --json)"),
            };
        }

        if (options.Receipts is not ("none" or "tlv" or "text"))
        {
            throw new ArgumentException("--receipts must be none, tlv or text");
        }

        return options;
    }
}
