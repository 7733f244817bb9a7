namespace IdP.Smpp.Tests.Peers;

/// <summary>Command-line options of tests/peers/smsc.js (see the header of that script).</summary>
public sealed record NodeSmscOptions
{
    public string? SystemId { get; init; }

    public string? Password { get; init; }

    /// <summary>"decimal" or "hex": the id format in submit_sm_resp.</summary>
    public string IdFormat { get; init; } = "decimal";

    /// <summary>"decimal" or "hex": the id format in receipts; null = same as <see cref="IdFormat"/>.</summary>
    public string? ReceiptIdFormat { get; init; }

    /// <summary>"none", "tlv" (TLVs + text) or "text" (text only).</summary>
    public string Receipts { get; init; } = "none";

    public string? ReceiptStat { get; init; }

    public int ReceiptDelayMs { get; init; }

    public int ThrottleEvery { get; init; }

    public int DropAfter { get; init; }

    public int DropTimes { get; init; } = 1;

    public int DelayMs { get; init; }

    public string? TlsKeyPath { get; init; }

    public string? TlsCertPath { get; init; }

    public bool Quiet { get; init; }

    /// <summary>Send each receipt before its submit_sm_resp (the DLR-overtakes-response race).</summary>
    public bool ReceiptFirst { get; init; }

    /// <summary>Close every connection this many ms after its bind_resp was written (accept-and-drop SMSC); null = never.</summary>
    public int? DropAfterBindMs { get; init; }

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string> { "--port", "0", "--id-format", IdFormat, "--receipts", Receipts };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                args.Add(name);
                args.Add(value);
            }
        }

        Add("--system-id", SystemId);
        Add("--password", Password);
        Add("--receipt-id-format", ReceiptIdFormat);
        Add("--receipt-stat", ReceiptStat);
        Add("--receipt-delay-ms", ReceiptDelayMs > 0 ? ReceiptDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        Add("--throttle-every", ThrottleEvery > 0 ? ThrottleEvery.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        Add("--drop-after", DropAfter > 0 ? DropAfter.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        Add("--drop-times", DropAfter > 0 ? DropTimes.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        Add("--delay-ms", DelayMs > 0 ? DelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        Add("--drop-after-bind-ms", DropAfterBindMs?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("--tls-key", TlsKeyPath);
        Add("--tls-cert", TlsCertPath);
        if (Quiet)
        {
            args.Add("--quiet");
        }

        if (ReceiptFirst)
        {
            args.Add("--receipt-first");
        }

        return args;
    }
}
