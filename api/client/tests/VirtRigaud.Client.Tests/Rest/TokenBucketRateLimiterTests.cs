using VirtRigaud.Client.Rest;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Rest;

public sealed class TokenBucketRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task WaitAsync_WithinTheBurst_DoesNotWait()
    {
        var limiter = new TokenBucketRateLimiter(qps: 5, burst: 10, _time);

        for (var i = 0; i < 10; i++)
        {
            Assert.True(limiter.WaitAsync(CancellationToken.None).IsCompletedSuccessfully, $"request {i} should pass at once");
        }

        Assert.False(limiter.TryAcquire());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task WaitAsync_BurstSpent_WaitsOneIntervalPerRequestInOrder()
    {
        var limiter = new TokenBucketRateLimiter(qps: 5, burst: 1, _time);
        await limiter.WaitAsync(CancellationToken.None);

        var second = limiter.WaitAsync(CancellationToken.None).AsTask();
        var third = limiter.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Wait.UntilAsync(() => second.IsCompletedSuccessfully, "the second request after 200 ms");
        Assert.False(third.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(200));
        await Wait.UntilAsync(() => third.IsCompletedSuccessfully, "the third request after 400 ms");
    }

    [Fact]
    public void TryAcquire_Refill_IsCappedAtTheBurst()
    {
        var limiter = new TokenBucketRateLimiter(qps: 10, burst: 3, _time);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire()));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_GivesTheTokenBack()
    {
        var limiter = new TokenBucketRateLimiter(qps: 1, burst: 1, _time);
        await limiter.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.WaitAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire());
    }
}
