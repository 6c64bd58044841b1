namespace VirtRigaud.Client.Tests.Testing;

/// <summary>Awaits a condition with a generous timeout (the CI machine is loaded), polling without fixed sleeps in tests' logic.</summary>
public static class Wait
{
    /// <summary>The default limit: long, because a failing wait only costs time when the test fails anyway.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }

    /// <summary>Awaits a task with a timeout; fails naming <paramref name="what"/> when it does not finish.</summary>
    public static async Task<T> ForAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout ?? DefaultTimeout));
        Assert.True(finished == task, $"timed out waiting for {what}");
        return await task;
    }
}
