using IdP.Data;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.SmsSignIn;
using IdP.Server.Sms;
using IdP.Smpp.Receipts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>
/// Attack: an SMSC floods receipts faster than the node can store them, or for messages it never sent. The node's
/// receipt queue (applied to the real SMS records in PostgreSQL) holds at most IdP:Sms:ReceiptQueueCapacity; a full
/// queue makes the SMPP client wait (whose own bounded queue then answers ESME_RX_T_APPN, tested in IdP.Smpp.Tests),
/// and at most as many receipts wait for a retry, the rest being given up with one warning per burst.
/// </summary>
[Collection(SmsServerCollection.Name)]
public sealed class SmppReceiptQueueTests(SmsServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    [Fact]
    public async Task Enqueue_StoreSlowerThanTheFlood_WaitsAtCapacityInsteadOfGrowing()
    {
        using var stopping = new CancellationTokenSource();
        var queue = NewQueue(capacity: 3, TimeSpan.FromSeconds(1), new LogCapture(), stopping.Token);
        queue.Start();

        // The store is made slow for real: the receipts table is locked, so the consumer's lookup waits.
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"IdPSmsSegments\" IN ACCESS EXCLUSIVE MODE");
            await queue.EnqueueAsync(Receipt("slow-0"), CancellationToken.None);
            await SmppTestSettings.WaitUntilAsync(() => queue.Queued == 0, () => "the consumer takes the first receipt");
            for (var i = 1; i <= 3; i++)
            {
                await queue.EnqueueAsync(Receipt("slow-" + i), CancellationToken.None);
            }

            var overCapacity = queue.EnqueueAsync(Receipt("slow-4"), CancellationToken.None).AsTask();
            await Task.Delay(500);

            Assert.False(overCapacity.IsCompleted, "a receipt past the capacity was taken while the store was blocked");
            Assert.Equal(3, queue.Queued);
            await transaction.CommitAsync();
            await overCapacity.WaitAsync(SmppTestSettings.Patience);
        }

        await SmppTestSettings.WaitUntilAsync(() => queue.Queued == 0, () => $"the queue drains; {queue.Queued} left");
        await stopping.CancelAsync();
        await queue.CompleteAsync(SmppTestSettings.Patience);
    }

    [Fact]
    public async Task Defer_FloodOfReceiptsForUnknownMessages_AtMostCapacityWaitForARetry_WarnsOncePerBurst()
    {
        using var stopping = new CancellationTokenSource();
        var logs = new LogCapture();
        var queue = NewQueue(capacity: 2, TimeSpan.FromSeconds(30), logs, stopping.Token);
        queue.Start();
        var maxDeferred = 0;

        for (var i = 0; i < 20; i++)
        {
            await queue.EnqueueAsync(Receipt("unknown-" + Guid.NewGuid().ToString("N")), CancellationToken.None);
            maxDeferred = Math.Max(maxDeferred, queue.Deferred);
        }

        await SmppTestSettings.WaitUntilAsync(() =>
        {
            maxDeferred = Math.Max(maxDeferred, queue.Deferred);
            return queue.Queued == 0 && logs.Lines.Count(l => l.Contains("given up", StringComparison.Ordinal)) > 0;
        }, () => $"the flood is taken; {queue.Queued} queued, {queue.Deferred} deferred");
        await Task.Delay(300);
        maxDeferred = Math.Max(maxDeferred, queue.Deferred);

        Assert.InRange(maxDeferred, 1, 2);
        Assert.Single(logs.Lines, l => l.Contains("reached IdP:Sms:ReceiptQueueCapacity (2)", StringComparison.Ordinal));
        await stopping.CancelAsync();
        await queue.CompleteAsync(SmppTestSettings.Patience);
    }

    private SmppReceiptQueue NewQueue(int capacity, TimeSpan retryWindow, LogCapture logs, CancellationToken stopping)
    {
        var options = new SmppGatewayOptions { ReceiptQueueCapacity = capacity, ReceiptRetryWindow = retryWindow };
        var records = SmppReceiptQueue.ToRecords(Server.Services.GetRequiredService<IServiceScopeFactory>());
        return new SmppReceiptQueue(records, options, logs.CreateLogger(nameof(SmppReceiptQueueTests)), TimeProvider.System, stopping);
    }

    private static DeliveryReceipt Receipt(string id) =>
        new() { MessageId = id, TextMessageId = id, State = MessageState.Delivered, Stat = "DELIVRD" };
}
