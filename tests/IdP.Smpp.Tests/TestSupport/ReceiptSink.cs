using System.Collections.Concurrent;
using IdP.Smpp.Receipts;

namespace IdP.Smpp.Tests.TestSupport;

/// <summary>Collects DeliveryReceiptReceived events.</summary>
public sealed class ReceiptSink
{
    private readonly ConcurrentQueue<DeliveryReceipt> _receipts = new();

    public ReceiptSink(SmppClient client) => client.DeliveryReceiptReceived += (_, receipt) => _receipts.Enqueue(receipt);

    public IReadOnlyList<DeliveryReceipt> Receipts => _receipts.ToArray();
}
