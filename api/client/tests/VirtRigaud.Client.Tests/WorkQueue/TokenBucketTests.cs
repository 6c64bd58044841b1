using VirtRigaud.Client.WorkQueue;

namespace VirtRigaud.Client.Tests.WorkQueue;

public sealed class TokenBucketTests
{
    [Fact]
    public void Reserve_BurstThenSpacedByTheRate()
    {
        var time = new ManualTimeProvider();
        var bucket = new TokenBucket(10, 3, time);

        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(200), bucket.Reserve());
        Assert.Equal(-2, bucket.Available, 9);
    }

    [Fact]
    public void Reserve_RefillsWithTimeButNeverAboveTheBurst()
    {
        var time = new ManualTimeProvider();
        var bucket = new TokenBucket(10, 3, time);
        for (var i = 0; i < 5; i++)
        {
            bucket.Reserve();
        }

        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(0.5, bucket.Available, 9);
        Assert.Equal(TimeSpan.FromMilliseconds(50), bucket.Reserve());

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(3, bucket.Available, 9);
    }

    [Fact]
    public void TryTake_TakesOnlyWholeAvailableTokens()
    {
        var time = new ManualTimeProvider();
        var bucket = new TokenBucket(1.0 / 300, 2, time);

        Assert.True(bucket.TryTake());
        Assert.True(bucket.TryTake());
        Assert.False(bucket.TryTake());
        Assert.Equal(0, bucket.Available, 9);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(bucket.TryTake());
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(bucket.TryTake());
    }

    [Fact]
    public void Reserve_InfiniteRate_NeverWaits()
    {
        var bucket = new TokenBucket(double.PositiveInfinity, 1, new ManualTimeProvider());

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(TimeSpan.Zero, bucket.Reserve());
            Assert.True(bucket.TryTake());
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(1, 0)]
    public void Constructor_InvalidSettings_Throws(double rate, int burst)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(rate, burst));
    }
}
