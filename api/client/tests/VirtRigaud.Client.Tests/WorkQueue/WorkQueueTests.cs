using VirtRigaud.Client.WorkQueue;

namespace VirtRigaud.Client.Tests.WorkQueue;

public sealed class WorkQueueTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Add_SameKeyTwiceWhileQueued_HandedOutOnce()
    {
        var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal(("a", false), await queue.GetAsync(None));
        Assert.Equal(("b", false), await queue.GetAsync(None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Add_WhileProcessing_QueuedAgainOnlyAfterDone()
    {
        var queue = new WorkQueue<string>();
        queue.Add("a");
        var (item, _) = await queue.GetAsync(None);

        queue.Add("a");
        queue.Add("a");

        // Dirty but not queued: no second worker can take it while the first one processes it.
        Assert.Equal(0, queue.Count);
        var second = queue.GetAsync(None);
        Assert.False(second.IsCompleted);

        queue.Done(item);

        Assert.Equal(("a", false), await second.AsTask().WaitAsync(Eventually.DefaultTimeout));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Done_NotReAdded_KeyLeavesTheQueue()
    {
        var queue = new WorkQueue<string>();
        queue.Add("a");
        var (item, _) = await queue.GetAsync(None);

        queue.Done(item);

        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.ProcessingCount);
    }

    [Fact]
    public async Task GetAsync_Empty_WaitsForAdd()
    {
        var queue = new WorkQueue<int>();
        var get = queue.GetAsync(None);
        Assert.False(get.IsCompleted);

        queue.Add(7);

        Assert.Equal((7, false), await get.AsTask().WaitAsync(Eventually.DefaultTimeout));
    }

    [Fact]
    public async Task GetAsync_Cancelled_ThrowsAndTheNextKeyGoesToAnotherWaiter()
    {
        var queue = new WorkQueue<int>();
        using var cts = new CancellationTokenSource();
        var cancelled = queue.GetAsync(cts.Token).AsTask();
        var waiting = queue.GetAsync(None).AsTask();

        await cts.CancelAsync();
        queue.Add(1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal((1, false), await waiting.WaitAsync(Eventually.DefaultTimeout));
    }

    [Fact]
    public async Task GetAsync_AlreadyCancelledToken_Throws()
    {
        var queue = new WorkQueue<int>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.GetAsync(new CancellationToken(true)).AsTask());
    }

    [Fact]
    public async Task ShutDown_WakesWaitersButHandsOutQueuedKeysFirst()
    {
        var queue = new WorkQueue<string>();
        queue.Add("a");
        var (a, _) = await queue.GetAsync(None);
        queue.Add("b");
        var waiter = new WorkQueue<string>();
        var blocked = waiter.GetAsync(None).AsTask();

        queue.ShutDown();
        waiter.ShutDown();
        queue.Add("c");

        Assert.True(queue.ShuttingDown);
        Assert.Equal(("b", false), await queue.GetAsync(None));
        Assert.True((await queue.GetAsync(None)).Shutdown);
        Assert.True((await blocked.WaitAsync(Eventually.DefaultTimeout)).Shutdown);
        queue.Done(a);
    }

    [Fact]
    public async Task ShutDownWithDrainAsync_WaitsForQueuedAndProcessingKeys()
    {
        var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Add("b");
        var (a, _) = await queue.GetAsync(None);

        var drain = queue.ShutDownWithDrainAsync(None);
        Assert.False(drain.IsCompleted);

        queue.Done(a);
        Assert.False(drain.IsCompleted);
        var (b, shutdown) = await queue.GetAsync(None);
        Assert.False(shutdown);
        queue.Done(b);

        await drain.WaitAsync(Eventually.DefaultTimeout);
        Assert.True((await queue.GetAsync(None)).Shutdown);
    }

    [Fact]
    public async Task ShutDownWithDrainAsync_Cancelled_Throws()
    {
        var queue = new WorkQueue<string>();
        queue.Add("a");
        await queue.GetAsync(None);
        using var cts = new CancellationTokenSource();

        var drain = queue.ShutDownWithDrainAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drain);
    }

    [Fact]
    public async Task AddAfter_KeyArrivesWhenTheClockReachesItsDueTime()
    {
        var time = new ManualTimeProvider();
        var queue = new WorkQueue<string>(new WorkQueueOptions { TimeProvider = time });

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.DelayedCount);

        time.Advance(TimeSpan.FromSeconds(9.999));
        Assert.Equal(0, queue.Count);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
        Assert.Equal(("a", false), await queue.GetAsync(None));
    }

    [Theory]
    [InlineData(10, 5, 5)]
    [InlineData(5, 10, 5)]
    public void AddAfter_SameKeyTwice_EarliestDueTimeWins(int firstSeconds, int secondSeconds, int expectedSeconds)
    {
        var time = new ManualTimeProvider();
        var queue = new WorkQueue<string>(new WorkQueueOptions { TimeProvider = time });

        queue.AddAfter("a", TimeSpan.FromSeconds(firstSeconds));
        queue.AddAfter("a", TimeSpan.FromSeconds(secondSeconds));
        Assert.Equal(1, queue.DelayedCount);

        time.Advance(TimeSpan.FromSeconds(expectedSeconds) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);

        // The superseded, later entry must not add the key a second time.
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task AddAfter_SeveralKeys_ArriveInDueOrder()
    {
        var time = new ManualTimeProvider();
        var queue = new WorkQueue<string>(new WorkQueueOptions { TimeProvider = time });
        queue.AddAfter("late", TimeSpan.FromSeconds(3));
        queue.AddAfter("early", TimeSpan.FromSeconds(1));
        queue.AddAfter("middle", TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("early", (await queue.GetAsync(None)).Item);
        Assert.Equal("middle", (await queue.GetAsync(None)).Item);
        Assert.Equal("late", (await queue.GetAsync(None)).Item);
    }

    [Fact]
    public void AddAfter_ZeroOrNegativeDelay_AddsAtOnce()
    {
        var queue = new WorkQueue<string>(new WorkQueueOptions { TimeProvider = new ManualTimeProvider() });

        queue.AddAfter("a", TimeSpan.Zero);
        queue.AddAfter("b", TimeSpan.FromSeconds(-1));

        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void AddAfter_KeyAlreadyQueued_NotDuplicatedWhenDue()
    {
        var time = new ManualTimeProvider();
        var queue = new WorkQueue<string>(new WorkQueueOptions { TimeProvider = time });
        queue.Add("a");

        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void ShutDown_DropsDelayedKeysAndDisarmsTheTimer()
    {
        var time = new ManualTimeProvider();
        var queue = new WorkQueue<string>(new WorkQueueOptions { TimeProvider = time });
        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        Assert.Equal(1, time.ActiveTimers);

        queue.ShutDown();
        queue.AddAfter("b", TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public async Task GetAsync_ManyWorkers_NoKeyIsEverProcessedTwiceAtOnce()
    {
        const int Keys = 20;
        const int AddsPerKey = 200;
        var queue = new WorkQueue<int>();
        var inFlight = new int[Keys];
        var processed = 0;
        var violations = 0;

        async Task WorkerAsync()
        {
            while (true)
            {
                var (key, shutdown) = await queue.GetAsync(None);
                if (shutdown)
                {
                    return;
                }

                if (Interlocked.Increment(ref inFlight[key]) != 1)
                {
                    Interlocked.Increment(ref violations);
                }

                await Task.Yield();
                Interlocked.Decrement(ref inFlight[key]);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        }

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(WorkerAsync)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < Keys * AddsPerKey / 4; i++)
            {
                queue.Add(((p * 7) + i) % Keys);
            }
        })));
        await queue.ShutDownWithDrainAsync(None).WaitAsync(Eventually.DefaultTimeout);
        await Task.WhenAll(workers).WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal(0, violations);
        Assert.InRange(processed, Keys, Keys * AddsPerKey);
    }
}
