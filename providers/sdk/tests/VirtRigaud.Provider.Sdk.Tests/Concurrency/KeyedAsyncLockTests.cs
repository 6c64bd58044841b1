using VirtRigaud.Provider.Sdk.Concurrency;
using VirtRigaud.Provider.Sdk.Tests.Testing;

namespace VirtRigaud.Provider.Sdk.Tests.Concurrency;

public sealed class KeyedAsyncLockTests
{
    private readonly KeyedAsyncLock _locks = new();

    [Fact]
    public async Task AcquireAsync_SameKey_SecondWaitsForTheFirstRelease()
    {
        var first = await _locks.AcquireAsync("web-1", Wait.Token());

        var second = _locks.AcquireAsync("web-1", Wait.Token());
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(Wait.Long)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_OtherKey_DoesNotWait()
    {
        using var first = await _locks.AcquireAsync("web-1", Wait.Token());

        var other = _locks.AcquireAsync("web-2", Wait.Token());

        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndLeavesTheLockUsable()
    {
        var first = await _locks.AcquireAsync("web-1", Wait.Token());
        using var cancel = new CancellationTokenSource();

        var waiting = _locks.AcquireAsync("web-1", cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        var again = _locks.AcquireAsync("web-1", Wait.Token());
        Assert.True(again.IsCompletedSuccessfully);
        (await again).Dispose();
    }

    [Fact]
    public async Task Dispose_Twice_ReleasesOnce()
    {
        var first = await _locks.AcquireAsync("web-1", Wait.Token());
        var second = _locks.AcquireAsync("web-1", Wait.Token());

        first.Dispose();
        var held = await second.WaitAsync(Wait.Long);
        first.Dispose();

        var third = _locks.AcquireAsync("web-1", Wait.Token());
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        held.Dispose();
        (await third.WaitAsync(Wait.Long)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_ManyConcurrentUsers_NeverOverlap()
    {
        var inside = 0;
        var maxInside = 0;

        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            using (await _locks.AcquireAsync("web-1", Wait.Token()))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, now);
                await Task.Yield();
                Interlocked.Decrement(ref inside);
            }
        })).WaitAsync(Wait.Long);

        Assert.Equal(1, maxInside);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
