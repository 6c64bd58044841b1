namespace VirtRigaud.Client.Informers;

/// <summary>
/// client-go's <c>exponentialBackoffManagerImpl</c>: each <see cref="Next"/> returns the current delay lengthened by a
/// random jitter (capped at the maximum) and doubles the delay for next time; when the previous back-off started longer
/// ago than the reset period, the delay starts over. Not thread-safe: one reflector loop owns it.
/// </summary>
internal sealed class ExponentialBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly TimeSpan _resetAfter;
    private readonly double _jitter;
    private readonly TimeProvider _time;
    private TimeSpan _next;
    private long? _lastStart;

    public ExponentialBackoff(TimeSpan initial, TimeSpan max, TimeSpan resetAfter, double jitter, TimeProvider time)
    {
        _initial = initial;
        _max = max;
        _resetAfter = resetAfter;
        _jitter = jitter;
        _time = time;
        _next = initial;
    }

    /// <summary>The delay to wait now; mutates the back-off state.</summary>
    public TimeSpan Next()
    {
        var now = _time.GetTimestamp();
        if (_lastStart is { } last && _time.GetElapsedTime(last, now) > _resetAfter)
        {
            _next = _initial;
        }

        _lastStart = now;
        var current = _next;
        _next = TimeSpan.FromTicks(Math.Min(_max.Ticks, current.Ticks * 2));
        var jittered = current + (current * (Random.Shared.NextDouble() * _jitter));
        return jittered > _max ? _max : jittered;
    }
}
