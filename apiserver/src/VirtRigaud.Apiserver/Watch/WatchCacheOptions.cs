namespace VirtRigaud.Apiserver.Watch;

/// <summary>
/// Settings of the per-resource <see cref="WatchCache"/>. The defaults follow kube-apiserver's cacher where it has an
/// equivalent (window capacity and freshness, bookmark frequency, the 3 s wait for a too-new resourceVersion).
/// </summary>
public sealed record WatchCacheOptions
{
    /// <summary>
    /// The most events the resumption window holds (kube-apiserver's watch cache grows to at most 100 × 1024). Older
    /// events are dropped first; a watch from a revision before the window fails with 410 Expired.
    /// </summary>
    public int WindowCapacity { get; init; } = 100 * 1024;

    /// <summary>
    /// Events older than this are dropped once the window holds more than <see cref="WindowMinimum"/> events, so a busy
    /// resource does not pin 100k superseded objects in memory (kube-apiserver's <c>eventFreshDuration</c> is 75 s).
    /// </summary>
    public TimeSpan WindowRetention { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary>The newest events kept regardless of their age (kube-apiserver's lower capacity bound is 100).</summary>
    public int WindowMinimum { get; init; } = 1024;

    /// <summary>
    /// Events buffered per watcher. A watcher whose buffer is full when the next event arrives is terminated: its
    /// stream ends after the buffered events and the client re-watches from the last resourceVersion it saw, as it
    /// does after kube-apiserver closes an unresponsive watcher.
    /// </summary>
    public int WatcherBufferSize { get; init; } = 1024;

    /// <summary>How often a watcher that allows bookmarks gets one (kube-apiserver: every minute, and 2 s before its timeout).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the cache looks for due bookmarks and stale window events (kube-apiserver's bookmark timer ticks every second).</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a watch waits for a cache that is (re)listing before it is answered with 429 "storage is
    /// (re)initializing" (cache-served lists do not wait: they fall through to storage).
    /// </summary>
    public TimeSpan ReadyWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a watch for a resourceVersion newer than both the cache and the store waits before it is answered with
    /// 504 "Too large resource version" (kube-apiserver waits 3 s).
    /// </summary>
    public TimeSpan TooLargeWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The first delay before re-watching after a storage watch failure; doubled per failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between re-watch attempts.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a setting cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(WindowCapacity, 1, nameof(WindowCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(WindowMinimum, 0, nameof(WindowMinimum));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WindowMinimum, WindowCapacity, nameof(WindowMinimum));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WindowRetention, TimeSpan.Zero, nameof(WindowRetention));
        ArgumentOutOfRangeException.ThrowIfLessThan(WatcherBufferSize, 1, nameof(WatcherBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BookmarkInterval, TimeSpan.Zero, nameof(BookmarkInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Tick, TimeSpan.Zero, nameof(Tick));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadyWait, TimeSpan.Zero, nameof(ReadyWait));
        ArgumentOutOfRangeException.ThrowIfLessThan(TooLargeWait, TimeSpan.Zero, nameof(TooLargeWait));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryInitialDelay, TimeSpan.Zero, nameof(RetryInitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxDelay, RetryInitialDelay, nameof(RetryMaxDelay));
    }
}
