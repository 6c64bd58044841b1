using Microsoft.Extensions.Logging;
using VirtRigaud.Etcd.Protocol;
using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>
/// The endpoints, the one currently used, and the auth token: runs unary calls with fail-over and token renewal, and
/// hands out the current endpoint and token to streams.
/// </summary>
/// <remarks>
/// <list type="table">
///   <listheader><term>failure</term><description>what happens</description></listheader>
///   <item><term>UNAVAILABLE, request provably not sent</term><description>next endpoint, any call</description></item>
///   <item><term>UNAVAILABLE otherwise</term><description>next endpoint for idempotent calls (Range, TimeToLive, Status, Authenticate); writes fail with <see cref="EtcdUnavailableException"/> and later calls use the next endpoint</description></item>
///   <item><term>stale token</term><description>authenticate once more and repeat the call (the call was refused, so repeating a write is safe)</description></item>
///   <item><term>deadline</term><description>one deadline covers every attempt</description></item>
/// </list>
/// </remarks>
internal sealed class EtcdConnection : IDisposable
{
    /// <summary>etcd's gRPC interceptor reads the token from this metadata key (the HTTP gateway uses Authorization).</summary>
    public const string TokenMetadataKey = "token";

    private readonly EtcdEndpoint[] _endpoints;
    private readonly EtcdClientOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _authenticating = new(1, 1);
    private int _current;
    private volatile string? _token;

    public EtcdConnection(EtcdClientOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _endpoints = [.. options.Endpoints.Select(e => new EtcdEndpoint(e, options))];
    }

    public EtcdClientOptions Options => _options;

    public int EndpointCount => _endpoints.Length;

    /// <summary>The token sent with calls now (tests compare it across a renewal).</summary>
    internal string? CurrentToken => _token;

    /// <summary>Replaces the token, as if etcd had forgotten it (tests of the renewal path).</summary>
    internal void ReplaceToken(string token) => _token = token;

    public EtcdEndpoint Current => _endpoints[Volatile.Read(ref _current)];

    /// <summary>Moves off <paramref name="failed"/> if it is still the current endpoint (a concurrent failure may have moved already).</summary>
    public void MoveOff(EtcdEndpoint failed)
    {
        var index = Array.IndexOf(_endpoints, failed);
        var next = (index + 1) % _endpoints.Length;
        if (Interlocked.CompareExchange(ref _current, next, index) == index && _endpoints.Length > 1)
        {
            EtcdLog.EndpointFailedOver(_logger, failed.Address, _endpoints[next].Address);
        }
    }

    public DateTimeOffset DefaultDeadline() => _options.TimeProvider.GetUtcNow() + _options.DefaultCallTimeout;

    /// <summary>The metadata of a call: the token when auth is configured (authenticating first if there is none yet).</summary>
    public async ValueTask<Metadata?> HeadersAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (_options.Username is null)
        {
            return null;
        }

        var token = _token ?? await RenewTokenAsync(stale: null, deadline, cancellationToken).ConfigureAwait(false);
        return new Metadata().Add(TokenMetadataKey, token);
    }

    /// <summary>Authenticates again unless another caller already replaced <paramref name="stale"/>.</summary>
    public async Task<string> RenewTokenAsync(string? stale, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        await _authenticating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } current && current != stale)
            {
                return current;
            }

            var request = new AuthenticateRequest { Name = _options.Username, Password = _options.Password };
            var response = await UnaryAsync(EtcdMethods.Authenticate, request, idempotent: true, deadline, cancellationToken, authenticated: false).ConfigureAwait(false);
            _token = response.Token;
            EtcdLog.Authenticated(_logger, _options.Username!);
            return response.Token;
        }
        finally
        {
            _authenticating.Release();
        }
    }

    /// <summary>Runs a unary call with fail-over and token renewal; failures come out as the typed etcd exceptions.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        TRequest request,
        bool idempotent,
        DateTimeOffset? deadline,
        CancellationToken cancellationToken,
        bool authenticated = true)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new()
    {
        var callDeadline = deadline ?? DefaultDeadline();
        var failures = 0;
        var renewed = false;
        while (true)
        {
            var endpoint = Current;
            var headers = authenticated ? await HeadersAsync(callDeadline, cancellationToken).ConfigureAwait(false) : null;
            var before = endpoint.Tracker.Take();
            try
            {
                using var call = endpoint.Invoker.AsyncUnaryCall(method, request, new CallOptions(headers, callDeadline, cancellationToken));
                return await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && !cancellationToken.IsCancellationRequested)
            {
                var notSent = endpoint.Tracker.SurelyNotSent(before);
                MoveOff(endpoint);
                failures++;
                if ((!idempotent && !notSent) || failures >= _endpoints.Length)
                {
                    throw new EtcdUnavailableException($"{method.FullName} failed on {endpoint}{(failures > 1 ? $" after {failures} endpoints" : "")}: {e.Status.Detail}", e);
                }

                EtcdLog.CallRetried(_logger, method.FullName, endpoint.Address, e.Status.Detail);
            }
            catch (RpcException e) when (authenticated && !renewed && _options.Username is not null && EtcdErrors.IsStaleToken(e))
            {
                renewed = true;
                await RenewTokenAsync(headers?.GetValue(TokenMetadataKey), callDeadline, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw EtcdErrors.Map(e, cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        foreach (var endpoint in _endpoints)
        {
            endpoint.Dispose();
        }

        _authenticating.Dispose();
    }
}
