namespace VirtRigaud.Provider.Mock.Tests.Testing;

/// <summary>Bounded waits for conditions (generous: the CI machine is loaded). No fixed sleeps: each waits for a condition and fails with a message at the bound.</summary>
internal static class Wait
{
    /// <summary>The bound of every wait.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    /// <summary>Polls <paramref name="condition"/> until it holds or <see cref="Long"/> passes.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Long);
        while (!condition())
        {
            try
            {
                await Task.Delay(Poll, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out after {Long.TotalSeconds} s waiting for {what}");
            }
        }
    }

    /// <summary>Awaits <paramref name="task"/> for at most <see cref="Long"/>.</summary>
    public static async Task<T> ForAsync<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Long);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out after {Long.TotalSeconds} s waiting for {what}");
        }
    }

    /// <summary>Awaits <paramref name="task"/> for at most <see cref="Long"/>.</summary>
    public static async ValueTask<T> ForAsync<T>(ValueTask<T> task, string what) => await ForAsync(task.AsTask(), what);
}
