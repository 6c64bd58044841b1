using System.Collections.Concurrent;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.Providers;

/// <summary>
/// One Provider's connection as controllers use it: every unary RPC goes through the Provider's
/// <see cref="CircuitBreaker"/> (its Polly pipeline), carries the contract's per-RPC deadline (WaitForReady), and is counted in
/// <see cref="ProviderRpcMetrics"/>. Tasks returned by Create/Delete/Power/Reconfigure/Clone/ImagePrepare/SnapshotCreate
/// move <c>virtrigaud_provider_tasks_inflight</c> up until TaskStatus reports them done or failed (once per task id).
/// </summary>
/// <remarks>Thread-safe. Owned by the <see cref="ProviderConnectionPool"/>, which disposes it when the Provider's
/// endpoint or TLS material changes or the Provider goes away; callers must not cache it across reconciles.</remarks>
public sealed class ProviderConnection : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly ProviderRpcMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, byte> _inflight = new(StringComparer.Ordinal);

    internal ProviderConnection(ProviderTarget target, GrpcChannel channel, CircuitBreaker breaker, ProviderRpcMetrics metrics, ProviderClientOptions clientOptions, TimeProvider time)
    {
        Target = target;
        _channel = channel;
        Breaker = breaker;
        _metrics = metrics;
        _time = time;
        Client = new ProviderClient(channel, clientOptions);
    }

    /// <summary>Where this connection goes.</summary>
    public ProviderTarget Target { get; }

    /// <summary>The Provider's breaker (kept across connection rebuilds).</summary>
    public CircuitBreaker Breaker { get; }

    /// <summary>
    /// The raw client, for the streaming calls (WatchTask, ConsoleStream) which the breaker does not guard, as upstream
    /// guards only unary RPCs.
    /// </summary>
    public ProviderClient Client { get; }

    /// <summary>Validate.</summary>
    public Task<ValidateResponse> ValidateAsync(CancellationToken cancellationToken) => ValidateAsync(null, cancellationToken);

    /// <summary>Validate with a deadline of <paramref name="timeout"/> from now (null: the contract's 30 s).</summary>
    public Task<ValidateResponse> ValidateAsync(TimeSpan? timeout, CancellationToken cancellationToken) =>
        InvokeAsync("Validate", (c, o, ct) => c.ValidateAsync(o, ct), timeout is { } t ? new ProviderCallOptions { Timeout = t } : null, cancellationToken);

    /// <summary>GetCapabilities.</summary>
    public Task<GetCapabilitiesResponse> GetCapabilitiesAsync(CancellationToken cancellationToken) =>
        InvokeAsync("GetCapabilities", (c, o, ct) => c.GetCapabilitiesAsync(o, ct), cancellationToken);

    /// <summary>ListVMs.</summary>
    public Task<ListVMsResponse> ListVMsAsync(CancellationToken cancellationToken) =>
        InvokeAsync("ListVMs", (c, o, ct) => c.ListVMsAsync(o, ct), cancellationToken);

    /// <summary>Create (idempotent by name).</summary>
    public Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("Create", (c, o, ct) => c.CreateAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>Delete.</summary>
    public Task<TaskResponse> DeleteAsync(DeleteRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("Delete", (c, o, ct) => c.DeleteAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>Power.</summary>
    public Task<TaskResponse> PowerAsync(PowerRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("Power", (c, o, ct) => c.PowerAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>Reconfigure.</summary>
    public Task<TaskResponse> ReconfigureAsync(ReconfigureRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("Reconfigure", (c, o, ct) => c.ReconfigureAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>HardwareUpgrade.</summary>
    public Task<TaskResponse> HardwareUpgradeAsync(HardwareUpgradeRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("HardwareUpgrade", (c, o, ct) => c.HardwareUpgradeAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>Describe.</summary>
    public Task<DescribeResponse> DescribeAsync(DescribeRequest request, CancellationToken cancellationToken) =>
        InvokeAsync("Describe", (c, o, ct) => c.DescribeAsync(request, o, ct), cancellationToken);

    /// <summary>TaskStatus; a finished task leaves the in-flight gauge.</summary>
    public async Task<TaskStatusResponse> TaskStatusAsync(TaskStatusRequest request, CancellationToken cancellationToken)
    {
        var status = await InvokeAsync("TaskStatus", (c, o, ct) => c.TaskStatusAsync(request, o, ct), cancellationToken).ConfigureAwait(false);
        if ((status.Done || status.Error.Length > 0) && request.Task is { Id.Length: > 0 } task && _inflight.TryRemove(task.Id, out _))
        {
            _metrics.AddInflightTasks(Target.ProviderType, Target.Name, -1);
        }

        return status;
    }

    /// <summary>Upstream's IsTaskComplete over <see cref="TaskStatusAsync"/>: true when done, false while running.</summary>
    /// <exception cref="ProviderTaskFailedException">The task failed.</exception>
    public async Task<bool> IsTaskCompleteAsync(TaskRef? task, CancellationToken cancellationToken)
    {
        if (task is null || task.Id.Length == 0)
        {
            return true;
        }

        var status = await TaskStatusAsync(new TaskStatusRequest { Task = task }, cancellationToken).ConfigureAwait(false);
        return status.Error.Length > 0 ? throw new ProviderTaskFailedException(task.Id, status.Error) : status.Done;
    }

    /// <summary>SnapshotCreate.</summary>
    public Task<SnapshotCreateResponse> SnapshotCreateAsync(SnapshotCreateRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("SnapshotCreate", (c, o, ct) => c.SnapshotCreateAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>SnapshotDelete.</summary>
    public Task<TaskResponse> SnapshotDeleteAsync(SnapshotDeleteRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("SnapshotDelete", (c, o, ct) => c.SnapshotDeleteAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>SnapshotRevert.</summary>
    public Task<TaskResponse> SnapshotRevertAsync(SnapshotRevertRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("SnapshotRevert", (c, o, ct) => c.SnapshotRevertAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>Clone (idempotent by target name).</summary>
    public Task<CloneResponse> CloneAsync(CloneRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("Clone", (c, o, ct) => c.CloneAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>ImagePrepare (idempotent by target name).</summary>
    public Task<ImagePrepareResponse> ImagePrepareAsync(ImagePrepareRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("ImagePrepare", (c, o, ct) => c.ImagePrepareAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>ExportDisk.</summary>
    public Task<ExportDiskResponse> ExportDiskAsync(ExportDiskRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("ExportDisk", (c, o, ct) => c.ExportDiskAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>ImportDisk.</summary>
    public Task<ImportDiskResponse> ImportDiskAsync(ImportDiskRequest request, CancellationToken cancellationToken) =>
        TrackAsync(InvokeAsync("ImportDisk", (c, o, ct) => c.ImportDiskAsync(request, o, ct), cancellationToken), r => r.Task);

    /// <summary>GetDiskInfo.</summary>
    public Task<GetDiskInfoResponse> GetDiskInfoAsync(GetDiskInfoRequest request, CancellationToken cancellationToken) =>
        InvokeAsync("GetDiskInfo", (c, o, ct) => c.GetDiskInfoAsync(request, o, ct), cancellationToken);

    /// <summary>
    /// Runs any unary call through the breaker and metrics; <paramref name="method"/> is the short RPC name (the metric
    /// label). <paramref name="call"/> receives the client, per-call options (null: the contract's defaults) and the token.
    /// </summary>
    /// <exception cref="RpcException">The call failed, or UNAVAILABLE "circuit breaker open".</exception>
    public Task<T> InvokeAsync<T>(string method, Func<ProviderClient, ProviderCallOptions?, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        InvokeAsync(method, call, null, cancellationToken);

    /// <summary>
    /// <see cref="InvokeAsync{T}(string, Func{ProviderClient, ProviderCallOptions?, CancellationToken, Task{T}}, CancellationToken)"/>
    /// with per-call <paramref name="options"/> (a deadline other than the contract's, extra metadata).
    /// </summary>
    /// <exception cref="RpcException">The call failed, or UNAVAILABLE "circuit breaker open".</exception>
    public async Task<T> InvokeAsync<T>(string method, Func<ProviderClient, ProviderCallOptions?, CancellationToken, Task<T>> call, ProviderCallOptions? options, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            return await Breaker.ExecuteAsync(ct => call(Client, options, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            throw;
        }
        catch (OperationCanceledException)
        {
            code = StatusCode.Cancelled;
            throw;
        }
        finally
        {
            _metrics.RecordCall(Target.ProviderType, Target.Name, method, code, _time.GetElapsedTime(started));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _channel.Dispose();

    private async Task<T> TrackAsync<T>(Task<T> call, Func<T, TaskRef?> task)
    {
        var response = await call.ConfigureAwait(false);
        if (task(response) is { Id.Length: > 0 } started && _inflight.TryAdd(started.Id, 0))
        {
            _metrics.AddInflightTasks(Target.ProviderType, Target.Name, 1);
        }

        return response;
    }
}
