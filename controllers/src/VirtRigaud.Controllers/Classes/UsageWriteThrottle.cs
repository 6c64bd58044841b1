using System.Collections.Concurrent;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Classes;

/// <summary>
/// Spaces out status writes that change nothing but a usage count (see
/// <see cref="StatusAggregationOptions.UsageWriteInterval"/>): the first goes at once, later ones wait until the
/// interval since the previous write has passed (the reconcile is requeued for then and writes the count of that
/// moment). Thread-safe.
/// </summary>
internal sealed class UsageWriteThrottle(TimeProvider time, TimeSpan interval)
{
    private readonly ConcurrentDictionary<ObjectKey, DateTimeOffset> _lastWrite = new();

    /// <summary>How long to hold back a write of <paramref name="key"/>; null when it may go now (and is then recorded as written).</summary>
    public TimeSpan? Hold(ObjectKey key, bool usageOnly)
    {
        var now = time.GetUtcNow();
        if (usageOnly && _lastWrite.TryGetValue(key, out var last) && last + interval > now)
        {
            return last + interval - now;
        }

        _lastWrite[key] = now;
        return null;
    }

    /// <summary>Forgets a deleted object.</summary>
    public void Forget(ObjectKey key) => _lastWrite.TryRemove(key, out _);
}
