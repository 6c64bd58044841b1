using Microsoft.Extensions.Logging;
using VirtRigaud.Etcd.Protocol;
using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>
/// Multiplexes every watch of a client on one bidirectional Watch stream, like etcd's clientv3: a single loop reads
/// the stream and routes each response by watch id; when the stream breaks it reopens it (next endpoint, back-off)
/// and re-creates each live watch from its <see cref="EtcdWatch.NextRevision"/>.
/// </summary>
/// <remarks>
/// <list type="table">
///   <listheader><term>response</term><description>handling</description></listheader>
///   <item><term>created</term><description>paired with the oldest unanswered create; delivered once per watch; pins "from now" to header revision + 1</description></item>
///   <item><term>created + canceled</term><description>create refused: compacted start → <see cref="EtcdCompactedException"/>; auth → renew token once and reopen</description></item>
///   <item><term>events</term><description>delivered; resume point = last event revision + 1</description></item>
///   <item><term>no events, watch id</term><description>progress of that watch; resume point = header revision + 1</description></item>
///   <item><term>no events, watch id -1</term><description>answer to a progress request: progress of every watch on the stream</description></item>
///   <item><term>canceled</term><description>compaction → <see cref="EtcdCompactedException"/>; otherwise an <see cref="EtcdException"/> with etcd's reason</description></item>
/// </list>
/// The loop runs while watches exist and stops when the last one is gone.
/// </remarks>
internal sealed class EtcdWatcher : IAsyncDisposable
{
    private const long AllWatches = -1;

    private readonly EtcdConnection _connection;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<long, EtcdWatch> _watches = [];
    private readonly CancellationTokenSource _stopping = new();
    private long _nextLocalId;
    private WatchSession? _session;
    private Task? _loop;

    public EtcdWatcher(EtcdConnection connection, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
    }

    public EtcdWatch Watch(WatchCreateRequest request)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var watch = new EtcdWatch(this, request.Clone(), Interlocked.Increment(ref _nextLocalId));
        WatchSession? session;
        lock (_gate)
        {
            _watches[watch.LocalId] = watch;
            session = _session;
            _loop ??= Task.Run(RunAsync);
        }

        if (session is not null)
        {
            _ = SendQuietlyAsync(() => session.CreateAsync(watch, _stopping.Token));
        }

        return watch;
    }

    /// <summary>Asks etcd for a progress notification on every watch of the stream (answered once all are in sync).</summary>
    /// <returns><c>false</c> when no stream is open.</returns>
    public async Task<bool> RequestProgressAsync(CancellationToken cancellationToken)
    {
        WatchSession? session;
        lock (_gate)
        {
            session = _session;
        }

        if (session is null)
        {
            return false;
        }

        await session.RequestProgressAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async ValueTask CancelAsync(EtcdWatch watch)
    {
        WatchSession? session;
        lock (_gate)
        {
            if (watch.Finished)
            {
                return;
            }

            watch.Finished = true;
            _watches.Remove(watch.LocalId);
            session = _session;
        }

        watch.Complete(null);
        if (session is not null)
        {
            await SendQuietlyAsync(() => session.CancelAsync(watch, _stopping.Token)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        EtcdWatch[] watches;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            loop = _loop;
            watches = [.. _watches.Values];
            _watches.Clear();
            foreach (var watch in watches)
            {
                watch.Finished = true;
            }
        }

        foreach (var watch in watches)
        {
            watch.Complete(null);
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    /// <summary>A write that fails because the stream broke is not the writer's problem: the loop reopens and resends.</summary>
    private static async Task SendQuietlyAsync(Func<Task> send)
    {
        try
        {
            await send().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        var backoff = _connection.Options.ReconnectBackoff;
        while (!stopping.IsCancellationRequested)
        {
            var endpoint = _connection.Current;
            WatchSession? session = null;
            Exception? failure = null;
            var delivered = false;
            try
            {
                var headers = await _connection.HeadersAsync(_connection.DefaultDeadline(), stopping).ConfigureAwait(false);
                var call = endpoint.Invoker.AsyncDuplexStreamingCall(EtcdMethods.Watch, new CallOptions(headers, CancellationToken: stopping));
                session = new WatchSession(call, endpoint, headers?.GetValue(EtcdConnection.TokenMetadataKey));
                EtcdWatch[] watches;
                lock (_gate)
                {
                    _session = session;
                    watches = [.. _watches.Values];
                }

                foreach (var watch in watches)
                {
                    await session.CreateAsync(watch, stopping).ConfigureAwait(false);
                }

                while (await session.Responses.MoveNext(stopping).ConfigureAwait(false))
                {
                    delivered = true;
                    await DispatchAsync(session, session.Responses.Current, stopping).ConfigureAwait(false);
                    if (session.RenewToken)
                    {
                        break;
                    }
                }

                failure = new EtcdUnavailableException($"etcd at {endpoint} ended the watch stream");
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (_connection.Options.Username is not null && EtcdErrors.IsStaleToken(e) && session is not null)
            {
                session.RenewToken = true;
                failure = e;
            }
            catch (Exception e) when (e is RpcException or EtcdException or IOException or ObjectDisposedException)
            {
                failure = e;
            }
            finally
            {
                lock (_gate)
                {
                    if (ReferenceEquals(_session, session))
                    {
                        _session = null;
                    }
                }

                session?.Dispose();
            }

            lock (_gate)
            {
                if (_watches.Count == 0 || stopping.IsCancellationRequested)
                {
                    _loop = null;
                    return;
                }
            }

            if (session is { RenewToken: true })
            {
                try
                {
                    await _connection.RenewTokenAsync(session.Token, _connection.DefaultDeadline(), stopping).ConfigureAwait(false);
                    continue;
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (EtcdException e)
                {
                    failure = e;
                }
            }

            // A stream that worked for a while is reopened at once (on the next endpoint); repeated failures back off.
            _connection.MoveOff(endpoint);
            backoff = delivered ? _connection.Options.ReconnectBackoff : backoff;
            int count;
            lock (_gate)
            {
                count = _watches.Count;
            }

            EtcdLog.WatchStreamLost(_logger, failure!, endpoint.Address, count, backoff);
            try
            {
                await Task.Delay(backoff, _connection.Options.TimeProvider, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _connection.Options.MaxReconnectBackoff.Ticks));
        }
    }

    private async Task DispatchAsync(WatchSession session, WatchResponse response, CancellationToken stopping)
    {
        if (response.Created)
        {
            var watch = session.Created(response);
            if (watch is null)
            {
                return;
            }

            if (response.Canceled)
            {
                if (_connection.Options.Username is not null && response.CompactRevision == 0 &&
                    EtcdErrors.IsAuthCancelReason(response.CancelReason) && watch.AuthRenewals == 0)
                {
                    // etcd checks the stream's token only when a watch is created; a token it forgot (restart, TTL)
                    // shows up as a refused create. Renew once and reopen the stream.
                    watch.AuthRenewals++;
                    session.RenewToken = true;
                    return;
                }

                Finish(watch, EtcdErrors.WatchCancelled(response.CompactRevision, response.CancelReason));
                return;
            }

            bool cancelled;
            lock (_gate)
            {
                cancelled = watch.Finished;
                if (watch.NextRevision == 0)
                {
                    watch.NextRevision = response.Header.Revision + 1;
                }
            }

            if (cancelled)
            {
                await SendQuietlyAsync(() => session.CancelAsync(watch, stopping)).ConfigureAwait(false);
                return;
            }

            if (!watch.CreatedDelivered)
            {
                watch.CreatedDelivered = true;
                watch.Deliver(response);
            }

            return;
        }

        if (response.WatchId == AllWatches && response.Events.Count == 0)
        {
            foreach (var watch in session.All())
            {
                Advance(watch, response.Header.Revision + 1);
                watch.Deliver(response);
            }

            return;
        }

        var target = session.Find(response.WatchId);
        if (target is null)
        {
            return;
        }

        if (response.Canceled)
        {
            session.Forget(response.WatchId);
            Finish(target, EtcdErrors.WatchCancelled(response.CompactRevision, response.CancelReason));
            return;
        }

        Advance(target, response.Events.Count > 0 ? response.Events[^1].Kv.ModRevision + 1 : response.Header.Revision + 1);
        target.Deliver(response);
    }

    private void Advance(EtcdWatch watch, long next)
    {
        lock (_gate)
        {
            watch.NextRevision = Math.Max(watch.NextRevision, next);
        }
    }

    private void Finish(EtcdWatch watch, Exception error)
    {
        lock (_gate)
        {
            if (watch.Finished)
            {
                return;
            }

            watch.Finished = true;
            _watches.Remove(watch.LocalId);
        }

        watch.Complete(error);
    }
}
