using System.Text;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Tests.Rest;

public sealed class WatchStreamReaderTests
{
    private const string Added = """{"type":"ADDED","object":{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine","metadata":{"name":"a","namespace":"ns","resourceVersion":"11"},"spec":{"providerRef":{"name":"p"},"classRef":{"name":"c"}}}}""";
    private const string Modified = """{"type":"MODIFIED","object":{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine","metadata":{"name":"a","namespace":"ns","resourceVersion":"12"},"spec":{"providerRef":{"name":"p"},"classRef":{"name":"c"}}}}""";
    private const string Bookmark = """{"type":"BOOKMARK","object":{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine","metadata":{"resourceVersion":"20","annotations":{"k8s.io/initial-events-end":"true"}}}}""";
    private const string Deleted = """{"type":"DELETED","object":{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine","metadata":{"name":"a","namespace":"ns","resourceVersion":"21"},"spec":{"providerRef":{"name":"p"},"classRef":{"name":"c"}}}}""";
    private const string Expired = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (10)","reason":"Expired","code":410}}""";

    public static TheoryData<string, int> Framings() => new()
    {
        { "newline-delimited in one chunk", 1 << 20 },
        { "one byte per read", 1 },
        { "seven bytes per read", 7 },
    };

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task ReadAsync_AnyChunking_YieldsEveryEventInOrder(string framing, int chunk)
    {
        var body = string.Join("\n", Added, Modified, Bookmark, Deleted) + "\n";

        var events = await ReadAllAsync(body, chunk);

        Assert.True(events.Count == 4, framing);
        Assert.Equal(["ADDED:11", "MODIFIED:12", "BOOKMARK:20", "DELETED:21"], events.Select(e => $"{e.Type}:{e.Object.Metadata.ResourceVersion}"));
        Assert.Equal("a", events[0].Object.Metadata.Name);
        Assert.Equal("c", events[0].Object.Spec.ClassRef.Name);
    }

    [Fact]
    public async Task ReadAsync_ObjectsWithoutSeparators_AreDecoded()
    {
        var events = await ReadAllAsync(Added + Modified + "  \r\n\t" + Deleted, 5);

        Assert.Equal(3, events.Count);
    }

    [Fact]
    public async Task ReadAsync_Bookmark_IsDecodedWithoutTheRequiredSpec()
    {
        var events = await ReadAllAsync(Bookmark + "\n", 64);

        var bookmark = Assert.Single(events);
        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.Equal("true", bookmark.Object.Metadata.Annotation("k8s.io/initial-events-end"));
    }

    [Fact]
    public async Task ReadAsync_ErrorEvent_ThrowsGoneAfterTheEarlierEvents()
    {
        var seen = new List<string>();

        var e = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var item in WatchStreamReader.ReadAsync(new ChunkedStream(Added + "\n" + Expired + "\n" + Modified, 16), V1Beta1JsonContext.Default.VirtualMachine, CancellationToken.None))
            {
                seen.Add(item.Type);
            }
        });

        Assert.Equal(["ADDED"], seen);
        Assert.True(e.IsGone);
        Assert.Equal(410, e.Code);
        Assert.Equal(StatusReasons.Expired, e.Reason);
    }

    [Fact]
    public async Task ReadAsync_StreamCutInsideAnEvent_ThrowsIOException()
    {
        await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(Added + "\n" + Modified[..40], 8));
    }

    [Fact]
    public async Task ReadAsync_EmptyStream_EndsCleanly()
    {
        Assert.Empty(await ReadAllAsync("\n", 1));
    }

    [Fact]
    public async Task ReadAsync_UnknownType_Throws()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync("""{"type":"SURPRISE","object":{}}""", 100));
    }

    [Fact]
    public async Task ReadAsync_EventLargerThanTheInitialBuffer_IsDecoded()
    {
        var big = new string('x', 100_000);
        var body = Added.Replace("\"name\":\"a\"", $"\"name\":\"a\",\"annotations\":{{\"big\":\"{big}\"}}", StringComparison.Ordinal);

        var single = Assert.Single(await ReadAllAsync(body, 4096));

        Assert.Equal(big, single.Object.Metadata.Annotation("big"));
    }

    [Fact]
    public async Task ReadAsync_Cancelled_StopsReading()
    {
        using var cancel = new CancellationTokenSource();
        var stream = new BlockingAfterStream(Encoding.UTF8.GetBytes(Added + "\n"));
        var enumerator = WatchStreamReader.ReadAsync(stream, V1Beta1JsonContext.Default.VirtualMachine, cancel.Token).GetAsyncEnumerator(cancel.Token);

        Assert.True(await enumerator.MoveNextAsync());
        var next = enumerator.MoveNextAsync().AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        await enumerator.DisposeAsync();
    }

    private static async Task<List<WatchEvent<VirtualMachine>>> ReadAllAsync(string body, int chunk)
    {
        var events = new List<WatchEvent<VirtualMachine>>();
        await foreach (var item in WatchStreamReader.ReadAsync(new ChunkedStream(body, chunk), V1Beta1JsonContext.Default.VirtualMachine, CancellationToken.None))
        {
            events.Add(item);
        }

        return events;
    }

    /// <summary>Serves a body at most <c>chunk</c> bytes per read, as a slow network would.</summary>
    private sealed class ChunkedStream(string body, int chunk) : MemoryStream(Encoding.UTF8.GetBytes(body))
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    /// <summary>Serves its bytes, then blocks until cancelled (a quiet watch).</summary>
    private sealed class BlockingAfterStream(byte[] data) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            if (read > 0)
            {
                return read;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
