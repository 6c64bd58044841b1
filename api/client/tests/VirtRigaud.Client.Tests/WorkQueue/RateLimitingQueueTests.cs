using VirtRigaud.Client.WorkQueue;

namespace VirtRigaud.Client.Tests.WorkQueue;

public sealed class RateLimitingQueueTests
{
    [Fact]
    public async Task AddRateLimited_KeyReturnsAfterItsBackoff()
    {
        var time = new ManualTimeProvider();
        var queue = new RateLimitingQueue<string>(RateLimiters.DefaultController<string>(time), new WorkQueueOptions { TimeProvider = time });
        queue.Add("vm");
        var (key, _) = await queue.GetAsync(CancellationToken.None);

        // The reconcile failed twice: 5 ms, then 10 ms.
        queue.AddRateLimited(key);
        queue.Done(key);
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, queue.Count);
        (key, _) = await queue.GetAsync(CancellationToken.None);
        queue.AddRateLimited(key);
        queue.Done(key);
        time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(2, queue.NumRequeues("vm"));

        // Success: the back-off starts over.
        (key, _) = await queue.GetAsync(CancellationToken.None);
        queue.Forget(key);
        queue.Done(key);
        Assert.Equal(0, queue.NumRequeues("vm"));
    }

    [Fact]
    public void AddAfter_DelegatesToTheQueue()
    {
        var time = new ManualTimeProvider();
        var queue = new RateLimitingQueue<string>(new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), new WorkQueueOptions { TimeProvider = time });

        queue.AddAfter("a", TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.NumRequeues("a"));
    }

    [Fact]
    public async Task ShutDownWithDrainAsync_DropsDelayedRetries()
    {
        var time = new ManualTimeProvider();
        var queue = new RateLimitingQueue<string>(RateLimiters.DefaultController<string>(time), new WorkQueueOptions { TimeProvider = time });
        queue.AddRateLimited("a");

        await queue.ShutDownWithDrainAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(queue.ShuttingDown);
        Assert.True((await queue.GetAsync(CancellationToken.None)).Shutdown);
    }
}
