using System.Threading.Channels;
using VirtRigaud.Grpc.Health.V1;
using ServingStatus = VirtRigaud.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VirtRigaud.Grpc;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service (doc/health-checking.md). The host sets the status of each
/// service name; the empty name stands for the whole server and starts as SERVING.
/// <list type="table">
/// <item><term>Check, known name</term><description>its status</description></item>
/// <item><term>Check, unknown name</term><description>NOT_FOUND</description></item>
/// <item><term>Watch</term><description>the current status at once (SERVICE_UNKNOWN for an unknown name, without ending the call), then every change, until the client cancels</description></item>
/// </list>
/// Thread-safe; registered as a singleton by <c>AddGrpcTransport</c>.
/// </summary>
public sealed class HealthServiceImpl
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [""] = ServingStatus.Serving };
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);

    public HealthServiceImpl()
    {
        Definition = GrpcServiceDefinition.For(HealthReflection.Descriptor.Services[0])
            .AddUnary<HealthCheckRequest, HealthCheckResponse>("Check", CheckAsync)
            .AddServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", WatchAsync)
            .Build();
    }

    /// <summary>The service, for <see cref="GrpcEndpointRouteBuilderExtensions.MapGrpcService"/>.</summary>
    public GrpcServiceDefinition Definition { get; }

    /// <summary>Sets the status of <paramref name="service"/> ("" = the server) and tells its watchers if it changed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is SERVICE_UNKNOWN, which only Watch reports.</exception>
    public void SetStatus(string service, ServingStatus status)
    {
        if (status == ServingStatus.ServiceUnknown)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "SERVICE_UNKNOWN is reported by Watch for unknown services; use ClearStatus");
        }

        Update(service, status);
    }

    /// <summary>Forgets <paramref name="service"/>: Check answers NOT_FOUND and watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service) => Update(service, null);

    /// <summary>The status of <paramref name="service"/>, or <c>null</c> when it is unknown.</summary>
    public ServingStatus? GetStatus(string service)
    {
        lock (_sync)
        {
            return _statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    private void Update(string service, ServingStatus? status)
    {
        lock (_sync)
        {
            var previous = _statuses.TryGetValue(service, out var known) ? known : (ServingStatus?)null;
            if (previous == status)
            {
                return;
            }

            if (status is { } value)
            {
                _statuses[service] = value;
            }
            else
            {
                _statuses.Remove(service);
            }

            if (_watchers.TryGetValue(service, out var watchers))
            {
                foreach (var watcher in watchers)
                {
                    watcher.Writer.TryWrite(status ?? ServingStatus.ServiceUnknown);
                }
            }
        }
    }

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context) =>
        GetStatus(request.Service) is { } status
            ? Task.FromResult(new HealthCheckResponse { Status = status })
            : throw new RpcException(new Status(StatusCode.NotFound, $"Service \"{request.Service}\" is unknown."));

    private async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        // A slow watcher only needs the latest status, so older undelivered ones are dropped.
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_sync)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(request.Service, out var current) ? current : ServingStatus.ServiceUnknown);
            if (!_watchers.TryGetValue(request.Service, out var watchers))
            {
                _watchers[request.Service] = watchers = [];
            }

            watchers.Add(channel);
        }

        try
        {
            ServingStatus? sent = null;
            await foreach (var status in channel.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                // A change and its reversal may collapse into a repeat of what the watcher already has.
                if (status != sent)
                {
                    await responses.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
                    sent = status;
                }
            }
        }
        finally
        {
            lock (_sync)
            {
                var watchers = _watchers[request.Service];
                watchers.Remove(channel);
                if (watchers.Count == 0)
                {
                    _watchers.Remove(request.Service);
                }
            }
        }
    }
}
