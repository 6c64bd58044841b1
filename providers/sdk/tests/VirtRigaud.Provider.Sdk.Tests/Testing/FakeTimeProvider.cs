namespace VirtRigaud.Provider.Sdk.Tests.Testing;

/// <summary>
/// A clock that moves only when told: <see cref="Advance"/>. Enough for the registries, which read the time but never
/// wait on it (timers fall back to the system's and are not used by the code under test). Thread-safe.
/// </summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _sync = new();
    private DateTimeOffset _now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta)
    {
        lock (_sync)
        {
            _now += delta;
        }
    }
}
