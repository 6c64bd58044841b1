namespace VirtRigaud.Client.Tests.WorkQueue;

/// <summary>
/// Awaits a condition with a generous timeout (the CI machine is loaded); never a fixed sleep. Used where a background
/// loop (a pump task, an informer, an elector) must reach a state before the test goes on.
/// </summary>
public static class Eventually
{
    /// <summary>The default bound of a wait: long, because a failure is the only case in which it is reached.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often a condition is re-checked.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>Completes once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }

            await Task.Delay(PollInterval);
        }
    }
}
