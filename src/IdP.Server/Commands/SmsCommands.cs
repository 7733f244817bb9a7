using System.Globalization;
using System.Threading.Channels;
using IdP.Authentication.Phones;
using IdP.Authentication.Sms;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Sms;
using IdP.Smpp;
using IdP.Smpp.Receipts;

namespace IdP.Server.Commands;

/// <summary>
/// <c>sms test --to NUMBER [--text TEXT] [--wait SECONDS]</c>: binds with the <c>smpp</c> script's current
/// properties (enabled or not, so an admin can test before enabling), sends one message, waits for its delivery
/// receipt and records it as an SMS of purpose <c>test</c>. A command process runs no hosted session, so it uses a
/// short-lived client of its own: fine for one test message, never for sign-in codes.
/// Exit 0: accepted (and delivered, if a receipt came); 1: the SMSC or the network failed; 2: bad input or settings.
/// </summary>
internal static class SmsCommands
{
    public const string Usage = "Usage: sms test --to +E164 [--text TEXT] [--wait SECONDS]";

    private const int DefaultWaitSeconds = 30;

    public static async Task<int> RunAsync(IServiceProvider sp, string[] args, TextWriter output, TextWriter error, CancellationToken ct, Func<IServiceProvider, CancellationToken, Task> ensureMigrated)
    {
        return args switch
        {
            ["test", .. var rest] => await TestAsync(sp, rest, output, error, ct, ensureMigrated),
            _ => throw new CommandException(Usage),
        };
    }

    private static async Task<int> TestAsync(IServiceProvider sp, string[] args, TextWriter output, TextWriter error, CancellationToken ct, Func<IServiceProvider, CancellationToken, Task> ensureMigrated)
    {
        var a = new CommandArguments(args, new HashSet<string>());
        var to = a.Required("to");
        var text = a.Optional("text") ?? $"IdP SMPP test message, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.";
        var waitText = a.Optional("wait");
        a.EnsureAllUsed();
        var wait = DefaultWaitSeconds;
        if (waitText is not null && (!int.TryParse(waitText, NumberStyles.None, CultureInfo.InvariantCulture, out wait) || wait > 600))
        {
            throw new CommandException($"--wait must be whole seconds from 0 to 600, not '{waitText}'.");
        }

        if (!PhoneNumberRules.TryNormalize(to, out var destination, out var problem))
        {
            throw new CommandException(problem!);
        }

        if (text.Trim().Length == 0)
        {
            throw new CommandException("--text must not be empty.");
        }

        await ensureMigrated(sp, ct);
        var read = await sp.GetRequiredService<SmppSettingsReader>().ReadAsync(null, fresh: true, ct);
        if (read.State != SmppSettingsState.Configured)
        {
            throw new CommandException(read.Problem!);
        }

        var options = read.ClientOptions!;
        var endpoint = read.Endpoint!;
        await output.WriteLineAsync(read.Enabled
            ? $"smpp script: enabled; SMSC {endpoint} as '{options.SystemId}'."
            : $"smpp script: disabled (testing its current properties anyway; `acr enable smpp` turns it on); SMSC {endpoint} as '{options.SystemId}'.");
        if (PhoneNumberRules.WhyNotTextable(destination) is { } why)
        {
            await output.WriteLineAsync($"note: {why} Sending anyway, as this is a test.");
        }

        foreach (var warning in options.GetWarnings())
        {
            await output.WriteLineAsync("note: " + SmppClientOptionsFactory.ToPropertyNames(warning));
        }

        var bind = await SmppConnectionTester.TestAsync(options, ct);
        await output.WriteLineAsync($"Bind: {bind}");
        if (!bind.Success)
        {
            await error.WriteLineAsync($"error: {bind.Summary} ({endpoint}); nothing was sent.");
            return 1;
        }

        return await SendAndWaitAsync(sp, options, endpoint, destination, text, wait, output, error, ct);
    }

    private static async Task<int> SendAndWaitAsync(IServiceProvider sp, SmppClientOptions options, string endpoint, string destination, string text, int wait,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var db = sp.GetRequiredService<IdPDbContext>();
        var records = sp.GetRequiredService<SmsDeliveryRecords>();
        var time = sp.GetRequiredService<TimeProvider>();
        var node = $"cli@{Environment.MachineName}";
        var receipts = Channel.CreateUnbounded<DeliveryReceipt>();

        // Logs stay quiet here: the command prints what matters, and the warnings were printed above.
        await using var client = new SmppClient(options, logger: null, time);
        client.DeliveryReceiptReceived += (_, receipt) => receipts.Writer.TryWrite(receipt);
        await client.StartAsync(ct);

        var record = new IdP.Data.Entities.SmsMessage
        {
            CreatedAt = time.GetUtcNow(),
            Purpose = SmsPurposes.Test,
            DestinationHash = "",
            DestinationMasked = PhoneNumberRules.Mask(destination),
            State = SmsStates.Queued,
            Node = node,
        };
        db.SmsMessages.Add(record);
        await db.SaveChangesAsync(ct);

        await output.WriteLineAsync($"Sending to {record.DestinationMasked} …");
        var result = await SmppSubmission.SendAsync(client, new SmsSendRequest(destination, text), endpoint, node, ct);
        await records.CompleteSendAsync(record, result, ct);
        if (result.Outcome != SmsSendOutcome.Accepted)
        {
            await output.WriteLineAsync($"Send: {result.Outcome.ToString().ToLowerInvariant()}; SMS record {record.Id}.");
            await error.WriteLineAsync($"error: {result.Outcome.ToString().ToLowerInvariant()}: {result.Error}");
            return 1;
        }

        var plural = result.MessageIds.Count == 1 ? "" : "s";
        await output.WriteLineAsync($"Accepted: message id{plural} {string.Join(", ", result.MessageIds)} ({result.Segments} segment(s)); SMS record {record.Id}.");
        if (wait == 0)
        {
            await output.WriteLineAsync("Not waiting for a delivery receipt (--wait 0).");
            return 0;
        }

        await output.WriteLineAsync($"Waiting up to {wait} s for the delivery receipt …");
        var outcome = await WaitForReceiptsAsync(receipts.Reader, result.MessageIds, TimeSpan.FromSeconds(wait), records, output, ct);
        await client.StopAsync(ct);
        switch (outcome)
        {
            case null:
                await output.WriteLineAsync($"No final delivery receipt within {wait} s. The SMSC may still send one; the record stays '{SmsStates.Sent}'.");
                return 0;
            case SmsStates.Delivered:
                await output.WriteLineAsync("Delivered: the SMSC reports the message reached the phone.");
                return 0;
            default:
                await db.Entry(record).ReloadAsync(ct);
                await error.WriteLineAsync($"error: delivery failed: {record.Error ?? outcome}");
                return 1;
        }
    }

    /// <summary>Applies the receipts of <paramref name="messageIds"/> until each is final; null when time ran out.</summary>
    private static async Task<string?> WaitForReceiptsAsync(ChannelReader<DeliveryReceipt> receipts, IReadOnlyList<string> messageIds, TimeSpan wait,
        SmsDeliveryRecords records, TextWriter output, CancellationToken ct)
    {
        var pending = new HashSet<string>(messageIds, StringComparer.OrdinalIgnoreCase);
        var failed = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        try
        {
            while (pending.Count > 0)
            {
                var receipt = await receipts.ReadAsync(timeout.Token);
                if (!pending.Contains(receipt.MessageId))
                {
                    // Another message of the same account (a receipt for an earlier test, or another node's).
                    continue;
                }

                var stat = ReceiptStat.Of(receipt);
                await records.ApplyReceiptAsync(receipt.MessageId, stat, receipt.ErrorCode, ct);
                var errorCode = string.IsNullOrEmpty(receipt.ErrorCode) ? "" : $" (err {receipt.ErrorCode})";
                await output.WriteLineAsync($"Delivery receipt for {receipt.MessageId}: {stat}{errorCode}.");
                if (receipt.IsFinal)
                {
                    pending.Remove(receipt.MessageId);
                    failed |= stat != "DELIVRD";
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }

        return failed ? SmsStates.Failed : SmsStates.Delivered;
    }
}
