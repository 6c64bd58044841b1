using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Etcd.Protocol;
using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>
/// A thin etcd v3 client in the manner of etcd's clientv3: the generated request and response messages, plus what
/// every caller would otherwise rewrite — endpoint fail-over, the auth token and its renewal, deadlines, typed errors,
/// one multiplexed watch stream with resumption, and lease keep-alive. Thread-safe; create one per etcd cluster and
/// share it. Key prefixes (namespaces) are the caller's business.
/// </summary>
/// <remarks>
/// Every unary call takes an optional <c>deadline</c> (default: now + <see cref="EtcdClientOptions.DefaultCallTimeout"/>)
/// that covers fail-over retries, and a cancellation token. Failures are <see cref="EtcdException"/>s (see
/// <see cref="EtcdErrors"/> for the mapping) or <see cref="OperationCanceledException"/> when the token fired.
/// Reads (Range, LeaseTimeToLive, Status) are retried on the next endpoint when one is unavailable; writes only when
/// the request provably never left this client.
/// </remarks>
public sealed class EtcdClient : IAsyncDisposable
{
    private readonly EtcdConnection _connection;
    private readonly EtcdWatcher _watcher;
    private readonly ILogger _logger;

    public EtcdClient(EtcdClientOptions options, ILogger<EtcdClient>? logger = null)
    {
        options.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _connection = new EtcdConnection(options, _logger);
        _watcher = new EtcdWatcher(_connection, _logger);
    }

    /// <summary>The endpoint calls go to now (it changes on fail-over).</summary>
    public Uri CurrentEndpoint => _connection.Current.Address;

    internal EtcdConnection Connection => _connection;

    /// <summary>Reads a key or a range of keys (see <see cref="RangeRequest"/>: range_end, limit, revision, sort, keys/count only).</summary>
    /// <exception cref="EtcdCompactedException">The revision asked for was compacted.</exception>
    /// <exception cref="EtcdFutureRevisionException">The revision asked for is newer than the store's.</exception>
    public Task<RangeResponse> RangeAsync(RangeRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _connection.UnaryAsync(EtcdMethods.Range, request, idempotent: true, deadline, cancellationToken);

    /// <summary>Reads one key at the newest revision.</summary>
    public Task<RangeResponse> GetAsync(string key, CancellationToken cancellationToken = default) =>
        RangeAsync(new RangeRequest { Key = EtcdKeys.Key(key) }, null, cancellationToken);

    /// <summary>Reads every key starting with <paramref name="prefix"/> at the newest revision.</summary>
    public Task<RangeResponse> GetPrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        RangeAsync(new RangeRequest { Key = EtcdKeys.Key(prefix), RangeEnd = EtcdKeys.PrefixEnd(prefix) }, null, cancellationToken);

    /// <summary>Writes a key (optionally attached to a lease, optionally returning the previous value).</summary>
    public Task<PutResponse> PutAsync(PutRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _connection.UnaryAsync(EtcdMethods.Put, request, idempotent: false, deadline, cancellationToken);

    /// <summary>Writes a key with a UTF-8 value.</summary>
    public Task<PutResponse> PutAsync(string key, string value, CancellationToken cancellationToken = default) =>
        PutAsync(new PutRequest { Key = EtcdKeys.Key(key), Value = Google.Protobuf.ByteString.CopyFromUtf8(value) }, null, cancellationToken);

    /// <summary>Deletes a key or a range (prefix via range_end), optionally returning the deleted values.</summary>
    public Task<DeleteRangeResponse> DeleteRangeAsync(DeleteRangeRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _connection.UnaryAsync(EtcdMethods.DeleteRange, request, idempotent: false, deadline, cancellationToken);

    /// <summary>Deletes every key starting with <paramref name="prefix"/>.</summary>
    public Task<DeleteRangeResponse> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        DeleteRangeAsync(new DeleteRangeRequest { Key = EtcdKeys.Key(prefix), RangeEnd = EtcdKeys.PrefixEnd(prefix) }, null, cancellationToken);

    /// <summary>Runs the success or the failure operations atomically, depending on whether every comparison holds.</summary>
    public Task<TxnResponse> TxnAsync(TxnRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _connection.UnaryAsync(EtcdMethods.Txn, request, idempotent: false, deadline, cancellationToken);

    /// <summary>Discards the history at and before a revision (physical: wait until the backend has done it).</summary>
    /// <exception cref="EtcdCompactedException">The revision is at or below the current compaction point.</exception>
    /// <exception cref="EtcdFutureRevisionException">The revision is newer than the store's.</exception>
    public Task<CompactionResponse> CompactAsync(CompactionRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _connection.UnaryAsync(EtcdMethods.Compact, request, idempotent: false, deadline, cancellationToken);

    /// <summary>
    /// Starts a watch on the client's shared watch stream (opened on first use). Await <see cref="EtcdWatch.Created"/>
    /// to know it is established; enumerate it for responses; dispose it to cancel.
    /// </summary>
    public EtcdWatch Watch(WatchCreateRequest request) => _watcher.Watch(request);

    /// <summary>
    /// Asks etcd for a progress notification (a response without events, watch id -1, whose header revision every
    /// watch has caught up with) on every watch of the stream. Returns <c>false</c> when no watch stream is open.
    /// </summary>
    public Task<bool> RequestWatchProgressAsync(CancellationToken cancellationToken = default) => _watcher.RequestProgressAsync(cancellationToken);

    /// <summary>Grants a lease of at least <see cref="LeaseGrantRequest.TTL"/> seconds (etcd raises tiny TTLs to its minimum).</summary>
    public Task<LeaseGrantResponse> LeaseGrantAsync(LeaseGrantRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _connection.UnaryAsync(EtcdMethods.LeaseGrant, request, idempotent: false, deadline, cancellationToken);

    /// <summary>Revokes a lease, deleting the keys attached to it.</summary>
    public Task<LeaseRevokeResponse> LeaseRevokeAsync(long leaseId, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _connection.UnaryAsync(EtcdMethods.LeaseRevoke, new LeaseRevokeRequest { ID = leaseId }, idempotent: false, deadline, cancellationToken);

    /// <summary>The remaining and granted TTL of a lease (TTL -1 when it no longer exists), optionally with its keys.</summary>
    public Task<LeaseTimeToLiveResponse> LeaseTimeToLiveAsync(long leaseId, bool keys = false, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _connection.UnaryAsync(EtcdMethods.LeaseTimeToLive, new LeaseTimeToLiveRequest { ID = leaseId, Keys = keys }, idempotent: true, deadline, cancellationToken);

    /// <summary>Refreshes a lease once over a short-lived keep-alive stream.</summary>
    /// <exception cref="EtcdException">StatusCode NotFound: the lease has expired or was revoked.</exception>
    public async Task<LeaseKeepAliveResponse> LeaseKeepAliveOnceAsync(long leaseId, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
    {
        var callDeadline = deadline ?? _connection.DefaultDeadline();
        var headers = await _connection.HeadersAsync(callDeadline, cancellationToken).ConfigureAwait(false);
        var endpoint = _connection.Current;
        try
        {
            using var call = endpoint.Invoker.AsyncDuplexStreamingCall(EtcdMethods.LeaseKeepAlive, new CallOptions(headers, callDeadline, cancellationToken));
            await call.RequestStream.WriteAsync(new LeaseKeepAliveRequest { ID = leaseId }, cancellationToken).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                throw new EtcdUnavailableException($"etcd at {endpoint} ended the keep-alive stream without an answer");
            }

            return call.ResponseStream.Current.TTL > 0
                ? call.ResponseStream.Current
                : throw new EtcdException(StatusCode.NotFound, $"lease {leaseId} has expired or was revoked");
        }
        catch (RpcException e)
        {
            if (e.StatusCode == StatusCode.Unavailable)
            {
                _connection.MoveOff(endpoint);
            }

            throw EtcdErrors.Map(e, cancellationToken);
        }
    }

    /// <summary>
    /// Keeps a lease alive until <paramref name="cancellationToken"/> fires: sends a keep-alive a third of the TTL
    /// after each answer (as clientv3 does) and yields each answer. The stream is reopened (next endpoint, back-off)
    /// when it breaks. Ends quietly on cancellation; throws <see cref="EtcdException"/> (NotFound) when the lease is gone.
    /// </summary>
    public async IAsyncEnumerable<LeaseKeepAliveResponse> KeepAliveAsync(long leaseId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var options = _connection.Options;
        var backoff = options.ReconnectBackoff;
        AsyncDuplexStreamingCall<LeaseKeepAliveRequest, LeaseKeepAliveResponse>? call = null;
        string? token = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var endpoint = _connection.Current;
                LeaseKeepAliveResponse? response = null;
                RpcException? failure = null;
                try
                {
                    if (call is null)
                    {
                        var headers = await _connection.HeadersAsync(_connection.DefaultDeadline(), cancellationToken).ConfigureAwait(false);
                        token = headers?.GetValue(EtcdConnection.TokenMetadataKey);
                        call = endpoint.Invoker.AsyncDuplexStreamingCall(EtcdMethods.LeaseKeepAlive, new CallOptions(headers, CancellationToken: cancellationToken));
                    }

                    await call.RequestStream.WriteAsync(new LeaseKeepAliveRequest { ID = leaseId }, cancellationToken).ConfigureAwait(false);
                    response = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false)
                        ? call.ResponseStream.Current
                        : throw new RpcException(new Status(StatusCode.Unavailable, $"etcd at {endpoint} ended the keep-alive stream"));
                }
                catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = e;
                    call?.Dispose();
                    call = null;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                if (failure is not null)
                {
                    if (options.Username is not null && EtcdErrors.IsStaleToken(failure))
                    {
                        await _connection.RenewTokenAsync(token, _connection.DefaultDeadline(), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (failure.StatusCode != StatusCode.Unavailable)
                    {
                        throw EtcdErrors.Map(failure, cancellationToken);
                    }

                    _connection.MoveOff(endpoint);
                    EtcdLog.KeepAliveStreamLost(_logger, failure, endpoint.Address, leaseId, backoff);
                    if (!await DelayAsync(backoff, cancellationToken).ConfigureAwait(false))
                    {
                        yield break;
                    }

                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxReconnectBackoff.Ticks));
                    continue;
                }

                backoff = options.ReconnectBackoff;
                if (response!.TTL <= 0)
                {
                    throw new EtcdException(StatusCode.NotFound, $"lease {leaseId} has expired or was revoked");
                }

                yield return response;
                if (!await DelayAsync(TimeSpan.FromSeconds(response.TTL / 3.0), cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }
            }
        }
        finally
        {
            call?.Dispose();
        }
    }

    /// <summary>The status of the current endpoint's member (version, leader, raft indexes, database size).</summary>
    public Task<StatusResponse> StatusAsync(DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _connection.UnaryAsync(EtcdMethods.Status, new StatusRequest(), idempotent: true, deadline, cancellationToken);

    /// <summary>
    /// Exchanges a user name and password for a token. The client does this itself when
    /// <see cref="EtcdClientOptions.Username"/> is set; this is the raw call, for tools and tests.
    /// </summary>
    /// <exception cref="EtcdAuthenticationException">Wrong credentials, or auth is not enabled.</exception>
    public Task<AuthenticateResponse> AuthenticateAsync(string name, string password, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _connection.UnaryAsync(EtcdMethods.Authenticate, new AuthenticateRequest { Name = name, Password = password }, idempotent: true, deadline, cancellationToken, authenticated: false);

    /// <summary>Cancels the watches and closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _watcher.DisposeAsync().ConfigureAwait(false);
        _connection.Dispose();
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _connection.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
