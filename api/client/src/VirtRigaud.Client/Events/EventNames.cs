using System.Globalization;

namespace VirtRigaud.Client.Events;

/// <summary>
/// client-go's event names, <c>&lt;object name&gt;.&lt;unix nanoseconds in hex&gt;</c>, made unique per recorder: two
/// events stamped within the same clock tick would otherwise get the same name and the second would be rejected as
/// AlreadyExists, so the nanoseconds are bumped past the last ones used. Thread-safe.
/// </summary>
internal sealed class EventNames
{
    private long _last = long.MinValue;

    /// <summary>A name for an event about <paramref name="objectName"/> at <paramref name="time"/>; never the same twice.</summary>
    public string Next(string? objectName, DateTimeOffset time)
    {
        var nanos = (time - DateTimeOffset.UnixEpoch).Ticks * 100;
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(nanos, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return (objectName ?? "") + "." + next.ToString("x", CultureInfo.InvariantCulture);
            }
        }
    }
}
