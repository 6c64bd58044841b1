namespace VirtRigaud.Storage.Tests;

/// <summary>Waiting for a condition another thread brings about, with a deadline instead of a sleep.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Checks <paramref name="condition"/> every few milliseconds; fails the test with <paramref name="what"/> after <see cref="Timeout"/>.</summary>
    public static async Task WaitAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }
}
