using IdP.Smpp.Receipts;

namespace IdP.Smpp.Tests.Peers;

/// <summary>Collects SmppClient.DeliveryReceiptReceived events and lets a test await one.</summary>
public sealed class ReceiptCollector
{
    private readonly List<DeliveryReceipt> _receipts = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReceiptCollector(SmppClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DeliveryReceiptReceived += (_, receipt) =>
        {
            TaskCompletionSource signal;
            lock (_gate)
            {
                _receipts.Add(receipt);
                signal = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            signal.TrySetResult();
        };
    }

    public IReadOnlyList<DeliveryReceipt> Receipts
    {
        get
        {
            lock (_gate)
            {
                return [.. _receipts];
            }
        }
    }

    public async Task<IReadOnlyList<DeliveryReceipt>> WaitForAsync(Func<DeliveryReceipt, bool> predicate, int count, TimeSpan timeout, Func<string> diagnostics)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task signal;
            List<DeliveryReceipt> matches;
            lock (_gate)
            {
                matches = [.. _receipts.Where(predicate)];
                signal = _changed.Task;
            }

            if (matches.Count >= count)
            {
                return matches;
            }

            try
            {
                await signal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                var seen = string.Join('\n', Receipts.Select(r => $"MessageId={r.MessageId} raw={r.ReceiptedMessageIdRaw} text-id={r.TextMessageId} state={r.State} correlated={r.IsCorrelated}"));
                throw new TimeoutException($"{matches.Count}/{count} matching delivery receipts within {timeout}. Receipts seen:\n{seen}\n{diagnostics()}");
            }
        }
    }
}
