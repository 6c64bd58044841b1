using VirtRigaud.Etcd.Protocol;
using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>
/// One opening of the shared Watch stream: the watches created on it, by etcd's watch id, and those whose creation
/// is still unanswered (etcd answers creates in the order they were sent, so a FIFO queue pairs them).
/// </summary>
internal sealed class WatchSession : IDisposable
{
    private readonly AsyncDuplexStreamingCall<WatchRequest, WatchResponse> _call;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly object _lock = new();
    private readonly HashSet<long> _sent = [];
    private readonly Queue<EtcdWatch> _pending = new();
    private readonly Dictionary<long, EtcdWatch> _byServerId = [];
    private readonly Dictionary<long, long> _serverIdByLocal = [];

    public WatchSession(AsyncDuplexStreamingCall<WatchRequest, WatchResponse> call, EtcdEndpoint endpoint, string? token)
    {
        _call = call;
        Endpoint = endpoint;
        Token = token;
    }

    public EtcdEndpoint Endpoint { get; }

    /// <summary>The token the stream was opened with; a refusal renews exactly this one.</summary>
    public string? Token { get; }

    public IAsyncStreamReader<WatchResponse> Responses => _call.ResponseStream;

    /// <summary>Set when etcd refused a create for authentication: the watcher renews the token and reopens.</summary>
    public bool RenewToken { get; set; }

    /// <summary>Sends the create of <paramref name="watch"/> unless it was already sent on this stream.</summary>
    public async Task CreateAsync(EtcdWatch watch, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                if (!_sent.Add(watch.LocalId))
                {
                    return;
                }

                _pending.Enqueue(watch);
            }

            await _call.RequestStream.WriteAsync(new WatchRequest { CreateRequest = watch.ResumeRequest() }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Asks etcd to cancel <paramref name="watch"/> if it was created on this stream.</summary>
    public async Task CancelAsync(EtcdWatch watch, CancellationToken cancellationToken)
    {
        long serverId;
        lock (_lock)
        {
            if (!_serverIdByLocal.Remove(watch.LocalId, out serverId))
            {
                return;
            }

            _byServerId.Remove(serverId);
        }

        await WriteAsync(new WatchRequest { CancelRequest = new WatchCancelRequest { WatchId = serverId } }, cancellationToken).ConfigureAwait(false);
    }

    public Task RequestProgressAsync(CancellationToken cancellationToken) =>
        WriteAsync(new WatchRequest { ProgressRequest = new WatchProgressRequest() }, cancellationToken);

    /// <summary>Pairs a creation response with the oldest unanswered create and records etcd's id for it.</summary>
    public EtcdWatch? Created(WatchResponse response)
    {
        lock (_lock)
        {
            if (!_pending.TryDequeue(out var watch))
            {
                return null;
            }

            if (!response.Canceled)
            {
                _byServerId[response.WatchId] = watch;
                _serverIdByLocal[watch.LocalId] = response.WatchId;
            }

            return watch;
        }
    }

    public EtcdWatch? Find(long serverId)
    {
        lock (_lock)
        {
            return _byServerId.GetValueOrDefault(serverId);
        }
    }

    public EtcdWatch[] All()
    {
        lock (_lock)
        {
            return [.. _byServerId.Values];
        }
    }

    /// <summary>Forgets a watch etcd cancelled.</summary>
    public void Forget(long serverId)
    {
        lock (_lock)
        {
            if (_byServerId.Remove(serverId, out var watch))
            {
                _serverIdByLocal.Remove(watch.LocalId);
            }
        }
    }

    public void Dispose()
    {
        _call.Dispose();
        _writes.Dispose();
    }

    private async Task WriteAsync(WatchRequest request, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }
}
