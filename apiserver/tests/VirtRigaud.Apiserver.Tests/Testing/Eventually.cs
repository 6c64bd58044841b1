namespace VirtRigaud.Apiserver.Tests.Testing;

/// <summary>Waiting for a condition another thread or process brings about, with a deadline instead of a sleep.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Checks <paramref name="condition"/> every few milliseconds; false when it is still false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(PollInterval, CancellationToken.None);
        }

        return true;
    }
}
