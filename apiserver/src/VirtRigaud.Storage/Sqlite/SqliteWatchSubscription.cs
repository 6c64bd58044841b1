using System.Threading.Channels;

namespace VirtRigaud.Storage.Sqlite;

/// <summary>
/// One watch's feed of live events from <see cref="SqliteWatchHub"/>: a bounded buffer the writer fills without ever
/// waiting. When the buffer is full the subscription is cut off (<see cref="Overflowed"/>) and completed; the watch
/// then drains what it has and catches up from the history table.
/// </summary>
internal sealed class SqliteWatchSubscription(string key, bool recursive, int capacity)
{
    private readonly Channel<StorageEvent> _channel = Channel.CreateBounded<StorageEvent>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private volatile bool _overflowed;

    public ChannelReader<StorageEvent> Reader => _channel.Reader;

    /// <summary>True once an event could not be buffered; the subscription then receives nothing more.</summary>
    public bool Overflowed => _overflowed;

    /// <summary>Whether a change of <paramref name="changedKey"/> (an API key, store prefix removed) concerns this watch.</summary>
    public bool Matches(string changedKey) =>
        recursive ? changedKey.StartsWith(key, StringComparison.Ordinal) : string.Equals(changedKey, key, StringComparison.Ordinal);

    /// <summary>Buffers an event without waiting; false (and the subscription is cut off) if the buffer is full.</summary>
    public bool TryWrite(StorageEvent storageEvent)
    {
        if (_channel.Writer.TryWrite(storageEvent))
        {
            return true;
        }

        _overflowed = true;
        _channel.Writer.TryComplete();
        return false;
    }

    /// <summary>Ends the feed normally (the store is closing): the watch ends once it has read what is buffered.</summary>
    public void Close() => _channel.Writer.TryComplete();
}
