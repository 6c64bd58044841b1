using VirtRigaud.Client.WorkQueue;

namespace VirtRigaud.Client.Tests.WorkQueue;

public sealed class RateLimiterTests
{
    [Fact]
    public void When_ItemExponential_DoublesPerFailureUpToTheCap()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        var delays = Enumerable.Range(0, 20).Select(_ => limiter.When("a")).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(10), delays[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(20), delays[2]);
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 65536), delays[16]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[18]);
        Assert.Equal(TimeSpan.FromSeconds(1000), delays[19]);
        Assert.Equal(20, limiter.NumRequeues("a"));
    }

    [Fact]
    public void When_ItemExponential_HugeFailureCount_SaturatesAtTheCap()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        for (var i = 0; i < 2000; i++)
        {
            limiter.When("a");
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), limiter.When("a"));
    }

    [Fact]
    public void Forget_ItemExponential_StartsOverAndKeepsOtherKeys()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        limiter.When("a");
        limiter.When("a");
        limiter.When("b");

        limiter.Forget("a");

        Assert.Equal(0, limiter.NumRequeues("a"));
        Assert.Equal(1, limiter.NumRequeues("b"));
        Assert.Equal(TimeSpan.FromMilliseconds(1), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(2), limiter.When("b"));
    }

    [Fact]
    public void When_FastSlow_FastForTheFirstAttemptsThenSlow()
    {
        var limiter = new ItemFastSlowRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10), 3);

        var delays = Enumerable.Range(0, 5).Select(_ => limiter.When("a")).ToList();

        Assert.Equal([TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)], delays);
        limiter.Forget("a");
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
    }

    [Fact]
    public void When_DefaultController_PerKeyBackoffUntilTheBucketRunsDry()
    {
        var time = new ManualTimeProvider();
        var limiter = RateLimiters.DefaultController<string>(time);

        // 100 distinct keys fail once: the burst covers them, so each waits its 5 ms per-key delay.
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("key-" + i));
        }

        // The 101st retry in the same instant waits for the bucket (10 per second): 100 ms, then 200 ms…
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("key-100"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.When("key-101"));

        // A key that failed often is limited by its own back-off, which is longer.
        for (var i = 0; i < 10; i++)
        {
            limiter.When("hot");
        }

        Assert.Equal(TimeSpan.FromMilliseconds(5 * 1024), limiter.When("hot"));
        Assert.Equal(11, limiter.NumRequeues("hot"));
    }

    [Fact]
    public void When_MaxOf_EveryLimiterCountsTheFailure()
    {
        var slow = new ItemFastSlowRateLimiter<string>(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(9), 1);
        var exponential = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(100));
        var limiter = new MaxOfRateLimiter<string>(slow, exponential);

        Assert.Equal(TimeSpan.FromSeconds(2), limiter.When("a"));
        Assert.Equal(TimeSpan.FromSeconds(9), limiter.When("a"));
        Assert.Equal(TimeSpan.FromSeconds(9), limiter.When("a"));
        Assert.Equal(TimeSpan.FromSeconds(16), limiter.When("a"));
        Assert.Equal(4, limiter.NumRequeues("a"));

        limiter.Forget("a");
        Assert.Equal(0, slow.NumRequeues("a"));
        Assert.Equal(0, exponential.NumRequeues("a"));
    }

    [Fact]
    public void Bucket_KeepsNoPerKeyState()
    {
        var limiter = new BucketRateLimiter<string>(new TokenBucket(1, 1, new ManualTimeProvider()));

        Assert.Equal(TimeSpan.Zero, limiter.When("a"));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.When("a"));
        Assert.Equal(0, limiter.NumRequeues("a"));
    }
}
