using System.Text;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Watch;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Tests.Watch;

/// <summary>The resumption window on its own: capacity, age, and which revisions it can still serve.</summary>
public sealed class EventWindowTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ResourceKeys Keys = new("infra.virtrigaud.io", "virtualmachines");

    private static WatchCacheEvent Change(long revision, DateTimeOffset at) =>
        WatchCacheEvent.Change(
            StorageEventType.Modified,
            CachedObject.Decode(Keys, Keys.Key("ns", "a"), Encoding.UTF8.GetBytes("{\"metadata\":{\"name\":\"a\",\"namespace\":\"ns\"}}"), revision),
            null,
            at);

    private static List<long> After(EventWindow window, long revision)
    {
        var into = new List<WatchCacheEvent>();
        Assert.True(window.TryCollectAfter(revision, into));
        return into.Select(e => e.Revision).ToList();
    }

    [Fact]
    public void TryCollectAfter_NothingDropped_ServesFromTheListRevision()
    {
        var window = new EventWindow(capacity: 10, minimum: 0, TimeSpan.FromMinutes(1));
        window.Reset(listRevision: 100);
        foreach (var revision in new long[] { 103, 105, 110 })
        {
            window.Add(Change(revision, T0));
        }

        Assert.Equal(100, window.OldestServable);
        Assert.Equal([103, 105, 110], After(window, 100));
        Assert.Equal([105, 110], After(window, 103));
        Assert.Equal([105, 110], After(window, 104));
        Assert.Equal([], After(window, 110));
        Assert.Equal([], After(window, 200));
        Assert.False(window.TryCollectAfter(99, []));
    }

    [Fact]
    public void Add_BeyondCapacity_DropsOldestAndMovesOldestServable()
    {
        var window = new EventWindow(capacity: 3, minimum: 0, TimeSpan.FromMinutes(1));
        window.Reset(listRevision: 1);
        for (long revision = 2; revision <= 200; revision += 2)
        {
            window.Add(Change(revision, T0));
        }

        Assert.Equal(3, window.Count);
        Assert.Equal(195, window.OldestServable);   // as kube-apiserver: the first kept event's revision − 1
        Assert.Equal([196, 198, 200], After(window, 195));
        Assert.False(window.TryCollectAfter(194, []));
    }

    [Fact]
    public void DropExpired_OldEventsBeyondMinimum_AreDropped()
    {
        var window = new EventWindow(capacity: 100, minimum: 2, TimeSpan.FromSeconds(75));
        window.Reset(listRevision: 10);
        window.Add(Change(11, T0));
        window.Add(Change(12, T0));
        window.Add(Change(13, T0.AddSeconds(60)));
        window.Add(Change(14, T0.AddSeconds(70)));

        window.DropExpired(T0.AddSeconds(80));
        Assert.Equal([13, 14], After(window, 12));
        Assert.False(window.TryCollectAfter(11, []));

        // The minimum is kept however old it is.
        window.DropExpired(T0.AddHours(1));
        Assert.Equal(2, window.Count);
    }

    [Fact]
    public void OldestServable_EverythingDropped_IsTheLastDroppedRevision()
    {
        var window = new EventWindow(capacity: 5, minimum: 0, TimeSpan.FromSeconds(1));
        window.Reset(listRevision: 1);
        window.Add(Change(7, T0));
        window.DropExpired(T0.AddSeconds(5));

        Assert.Equal(0, window.Count);
        Assert.Equal(7, window.OldestServable);
        Assert.Equal([], After(window, 7));
        Assert.False(window.TryCollectAfter(6, []));
    }
}
