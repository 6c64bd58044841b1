using System.Threading.Channels;
using VirtRigaud.Etcd.Protocol;

namespace VirtRigaud.Etcd;

/// <summary>
/// One watch on the client's shared watch stream: enumerate it for etcd's responses (the creation response once, then
/// event batches and progress notifications, in revision order), dispose it to cancel the watch.
/// </summary>
/// <remarks>
/// When the shared stream breaks, the client reopens it (on the next endpoint if needed) and re-creates the watch
/// from the revision after the last one it delivered, so no event is lost or repeated. The enumeration throws
/// <see cref="EtcdCompactedException"/> when that revision (or the requested start) has been compacted away, and
/// another <see cref="EtcdException"/> when etcd cancels the watch for another reason. It ends without error after
/// <see cref="DisposeAsync"/>. Only one enumeration at a time.
/// </remarks>
public sealed class EtcdWatch : IAsyncEnumerable<WatchResponse>, IAsyncDisposable
{
    private readonly EtcdWatcher _watcher;
    private readonly Channel<WatchResponse> _responses = Channel.CreateUnbounded<WatchResponse>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<WatchResponse> _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal EtcdWatch(EtcdWatcher watcher, WatchCreateRequest request, long localId)
    {
        _watcher = watcher;
        Request = request;
        LocalId = localId;
        NextRevision = request.StartRevision;
    }

    /// <summary>The watch as it was asked for.</summary>
    public WatchCreateRequest Request { get; }

    /// <summary>
    /// Completes with etcd's creation response once the watch is established: from then on every change after the
    /// response's header revision (or from the requested start revision) is delivered. Faults like the enumeration
    /// when etcd refuses the watch.
    /// </summary>
    public Task<WatchResponse> Created => _created.Task;

    /// <summary>The revision the watch resumes from after a reconnect: one after the newest revision it has delivered or been told is complete.</summary>
    public long NextRevision { get; internal set; }

    internal long LocalId { get; }

    /// <summary>Set once the watch has ended (cancelled by the caller, failed, or completed); touched only under the watcher's lock.</summary>
    internal bool Finished { get; set; }

    /// <summary>How often a refused create was answered with a token renewal; one renewal per watch.</summary>
    internal int AuthRenewals { get; set; }

    /// <summary>The creation response was passed on (re-creations after a reconnect are not).</summary>
    internal bool CreatedDelivered { get; set; }

    public async IAsyncEnumerator<WatchResponse> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var reader = _responses.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var response))
            {
                yield return response;
            }
        }
    }

    /// <summary>Reads the next response, or <c>null</c> when the watch has ended; a failed watch throws.</summary>
    public async ValueTask<WatchResponse?> ReadAsync(CancellationToken cancellationToken = default)
    {
        var reader = _responses.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.TryRead(out var response))
            {
                return response;
            }
        }

        return null;
    }

    /// <summary>Cancels the watch on the server and ends the enumeration.</summary>
    public ValueTask DisposeAsync() => _watcher.CancelAsync(this);

    internal void Deliver(WatchResponse response)
    {
        if (response.Created)
        {
            _created.TrySetResult(response);
        }

        _responses.Writer.TryWrite(response);
    }

    internal void Complete(Exception? error)
    {
        if (error is null)
        {
            _created.TrySetCanceled(CancellationToken.None);
        }
        else
        {
            _created.TrySetException(error);

            // Nobody may ever await Created; the enumeration reports the error.
            _ = _created.Task.Exception;
        }

        _responses.Writer.TryComplete(error);
    }

    /// <summary>The create request for the current stream: resumes after what was delivered.</summary>
    internal WatchCreateRequest ResumeRequest()
    {
        var request = Request.Clone();
        request.WatchId = 0;
        if (NextRevision > 0)
        {
            request.StartRevision = NextRevision;
        }

        return request;
    }
}
