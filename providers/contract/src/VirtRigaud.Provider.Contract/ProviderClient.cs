using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Contract;

/// <summary>
/// The manager's side of the provider contract, one async method per RPC, as the upstream manager's
/// <c>internal/transport/grpc</c> client: every call carries the RPC's deadline from
/// <see cref="ProviderClientOptions.Deadlines"/> (overridable per call with <see cref="ProviderCallOptions.Timeout"/>)
/// and waits for the connection to become ready. Failures surface as <see cref="RpcException"/>; classify them with
/// <see cref="ProviderRpcErrors"/>. Thread-safe; one instance per provider endpoint, shared by all callers.
/// </summary>
public sealed class ProviderClient
{
    private readonly CallInvoker _invoker;

    // Set once a provider answered WatchTask with UNIMPLEMENTED; later watches go straight to polling. A provider does
    // not gain the RPC without a restart behind a new connection, and the manager makes a new client then.
    private volatile bool _watchTaskUnimplemented;

    /// <summary>A client over <paramref name="invoker"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> are out of range.</exception>
    public ProviderClient(CallInvoker invoker, ProviderClientOptions? options = null)
    {
        options ??= new ProviderClientOptions();
        options.Validate();
        _invoker = invoker;
        Options = options;
    }

    /// <summary>A client over a new invoker of <paramref name="channel"/> (which the caller keeps owning).</summary>
    public ProviderClient(GrpcChannel channel, ProviderClientOptions? options = null)
        : this(channel.CreateCallInvoker(), options)
    {
    }

    /// <summary>The settings this client was created with.</summary>
    public ProviderClientOptions Options { get; }

    /// <summary>
    /// Whether the provider is known not to offer WatchTask (it answered UNIMPLEMENTED once), so that
    /// <see cref="WatchTaskAsync"/> polls TaskStatus.
    /// </summary>
    public bool WatchTaskUnsupported => _watchTaskUnimplemented;

    /// <summary>Checks the provider's hypervisor connectivity and credentials. Read-only.</summary>
    public Task<ValidateResponse> ValidateAsync(ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.Validate, new ValidateRequest(), Options.Deadlines.Validate, options, cancellationToken);

    /// <summary>Reads the provider's capabilities. Read-only.</summary>
    public Task<GetCapabilitiesResponse> GetCapabilitiesAsync(ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.GetCapabilities, new GetCapabilitiesRequest(), Options.Deadlines.GetCapabilities, options, cancellationToken);

    /// <summary>Lists every VM the provider manages. Read-only.</summary>
    public Task<ListVMsResponse> ListVMsAsync(ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.ListVMs, new ListVMsRequest(), Options.Deadlines.ListVMs, options, cancellationToken);

    /// <summary>Creates a VM; idempotent by name.</summary>
    public Task<CreateResponse> CreateAsync(CreateRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.Create, request, Options.Deadlines.Create, options, cancellationToken);

    /// <summary>Deletes a VM; a missing VM is already deleted.</summary>
    public Task<TaskResponse> DeleteAsync(DeleteRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.Delete, request, Options.Deadlines.Delete, options, cancellationToken);

    /// <summary>Changes a VM's power state.</summary>
    public Task<TaskResponse> PowerAsync(PowerRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.Power, request, Options.Deadlines.Power, options, cancellationToken);

    /// <summary>Brings a VM to the desired sizing.</summary>
    public Task<TaskResponse> ReconfigureAsync(ReconfigureRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.Reconfigure, request, Options.Deadlines.Reconfigure, options, cancellationToken);

    /// <summary>Upgrades a VM's virtual hardware version.</summary>
    public Task<TaskResponse> HardwareUpgradeAsync(HardwareUpgradeRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.HardwareUpgrade, request, Options.Deadlines.HardwareUpgrade, options, cancellationToken);

    /// <summary>Reports a VM's state (<c>exists=false</c> when missing). Read-only.</summary>
    public Task<DescribeResponse> DescribeAsync(DescribeRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.Describe, request, Options.Deadlines.Describe, options, cancellationToken);

    /// <summary>Reports whether a task has finished. Read-only.</summary>
    public Task<TaskStatusResponse> TaskStatusAsync(TaskStatusRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.TaskStatus, request, Options.Deadlines.TaskStatus, options, cancellationToken);

    /// <summary>Takes a snapshot; idempotent by (vm_id, name_hint).</summary>
    public Task<SnapshotCreateResponse> SnapshotCreateAsync(SnapshotCreateRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.SnapshotCreate, request, Options.Deadlines.SnapshotCreate, options, cancellationToken);

    /// <summary>Deletes a snapshot.</summary>
    public Task<TaskResponse> SnapshotDeleteAsync(SnapshotDeleteRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.SnapshotDelete, request, Options.Deadlines.SnapshotDelete, options, cancellationToken);

    /// <summary>Reverts a VM to a snapshot.</summary>
    public Task<TaskResponse> SnapshotRevertAsync(SnapshotRevertRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.SnapshotRevert, request, Options.Deadlines.SnapshotRevert, options, cancellationToken);

    /// <summary>Clones a VM; idempotent by target_name.</summary>
    public Task<CloneResponse> CloneAsync(CloneRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.Clone, request, Options.Deadlines.Clone, options, cancellationToken);

    /// <summary>Imports an image; idempotent by target_name.</summary>
    public Task<ImagePrepareResponse> ImagePrepareAsync(ImagePrepareRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.ImagePrepare, request, Options.Deadlines.ImagePrepare, options, cancellationToken);

    /// <summary>Copies a disk to a destination URL.</summary>
    public Task<ExportDiskResponse> ExportDiskAsync(ExportDiskRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.ExportDisk, request, Options.Deadlines.ExportDisk, options, cancellationToken);

    /// <summary>Copies a disk from a source URL.</summary>
    public Task<ImportDiskResponse> ImportDiskAsync(ImportDiskRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.ImportDisk, request, Options.Deadlines.ImportDisk, options, cancellationToken);

    /// <summary>Reports a disk's format and sizes. Read-only.</summary>
    public Task<GetDiskInfoResponse> GetDiskInfoAsync(GetDiskInfoRequest request, ProviderCallOptions? options = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(ProviderMethods.GetDiskInfo, request, Options.Deadlines.GetDiskInfo, options, cancellationToken);

    /// <summary>
    /// Upstream's <c>IsTaskComplete</c>: asks TaskStatus whether <paramref name="task"/> has finished. An empty or absent
    /// task is complete without a call (the operation was synchronous). Read-only.
    /// </summary>
    /// <returns><c>true</c> when the task finished successfully, <c>false</c> while it runs.</returns>
    /// <exception cref="ProviderTaskFailedException">The task finished with an error.</exception>
    /// <exception cref="RpcException">TaskStatus failed (NOT_FOUND: the provider does not know the task).</exception>
    public async Task<bool> IsTaskCompleteAsync(TaskRef? task, ProviderCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (IsEmpty(task))
        {
            return true;
        }

        var status = await TaskStatusAsync(new TaskStatusRequest { Task = task }, options, cancellationToken).ConfigureAwait(false);
        if (status.Error.Length > 0)
        {
            throw new ProviderTaskFailedException(task.Id, status.Error);
        }

        return status.Done;
    }

    /// <summary>
    /// Follows <paramref name="task"/> until it is done: each element is a full progress snapshot, the last one has
    /// <c>Done = true</c> (with <c>Error</c> set when the task failed — a failed task is not an exception). Uses the
    /// WatchTask stream; when the provider answers UNIMPLEMENTED (any upstream provider) it polls TaskStatus every
    /// <see cref="ProviderClientOptions.TaskPollInterval"/> instead and yields a snapshot whenever done/error change.
    /// An empty task yields one completed snapshot. The whole watch is bounded by the WatchTask deadline; when it
    /// passes the enumeration throws <see cref="RpcException"/> with DEADLINE_EXCEEDED.
    /// </summary>
    public async IAsyncEnumerable<TaskProgress> WatchTaskAsync(
        TaskRef task, ProviderCallOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (IsEmpty(task))
        {
            yield return new TaskProgress { Task = task ?? new TaskRef(), Done = true, Percentage = 100 };
            yield break;
        }

        var time = Options.TimeProvider;
        var deadline = time.GetUtcNow() + (options?.Timeout ?? Options.Deadlines.WatchTask);
        if (!_watchTaskUnimplemented)
        {
            using var call = _invoker.AsyncServerStreamingCall(
                ProviderMethods.WatchTask, new WatchTaskRequest { Task = task }, CallOptionsFor(deadline, options, cancellationToken));
            var received = false;
            while (true)
            {
                bool moved;
                try
                {
                    moved = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented && !received)
                {
                    _watchTaskUnimplemented = true;
                    break;
                }

                if (!moved)
                {
                    yield break;
                }

                received = true;
                yield return call.ResponseStream.Current;
            }
        }

        await foreach (var progress in PollTaskAsync(task, deadline, options, cancellationToken).ConfigureAwait(false))
        {
            yield return progress;
        }
    }

    /// <summary>
    /// Opens an interactive console session on VM <paramref name="vmId"/> (ConsoleStream) and waits until the provider
    /// has attached. A provider without the RPC or without this console kind answers UNIMPLEMENTED: the result then
    /// says so (<see cref="ConsoleOpenResult.IsSupported"/> false) instead of throwing; callers fall back to
    /// <c>DescribeResponse.console_url</c>. <paramref name="cancellationToken"/> bounds the opening only; the session
    /// lives until it is closed, disposed, or its deadline (<see cref="ProviderCallDeadlines.ConsoleStream"/>) passes.
    /// </summary>
    /// <exception cref="RpcException">The provider refused the session (NOT_FOUND, FAILED_PRECONDITION, …) or broke the protocol (INTERNAL).</exception>
    public async Task<ConsoleOpenResult> OpenConsoleAsync(
        string vmId, ConsoleKind kind = ConsoleKind.Serial, ProviderCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var deadline = Options.TimeProvider.GetUtcNow() + (options?.Timeout ?? Options.Deadlines.ConsoleStream);
        var call = _invoker.AsyncDuplexStreamingCall(ProviderMethods.ConsoleStream, CallOptionsFor(deadline, options, default));
        try
        {
            try
            {
                await call.RequestStream.WriteAsync(new ConsoleInput { Open = new ConsoleOpen { VmId = vmId, Kind = kind } }, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RpcException)
            {
                // The provider ended the call before reading the open (e.g. UNIMPLEMENTED); its status is read below.
            }

            if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                throw new RpcException(new Status(StatusCode.Internal, "the provider ended the console stream without opening a session"));
            }

            var first = call.ResponseStream.Current;
            if (first.OutputCase != ConsoleOutput.OutputOneofCase.Opened)
            {
                throw new RpcException(new Status(
                    StatusCode.Internal, $"the provider's first console message is {first.OutputCase}, not Opened"));
            }

            return new ConsoleOpenResult { Session = new ProviderConsoleSession(call, first.Opened.Kind) };
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            call.Dispose();
            return new ConsoleOpenResult { UnsupportedReason = e.Status.Detail };
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    private async IAsyncEnumerable<TaskProgress> PollTaskAsync(
        TaskRef task, DateTimeOffset deadline, ProviderCallOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var time = Options.TimeProvider;
        TaskStatusResponse? last = null;
        while (true)
        {
            var now = time.GetUtcNow();
            if (now >= deadline)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "deadline exceeded while polling TaskStatus for WatchTask"));
            }

            var callDeadline = Min(deadline, now + Options.Deadlines.TaskStatus);
            var status = await UnaryAsync(
                ProviderMethods.TaskStatus, new TaskStatusRequest { Task = task }, callDeadline, options, cancellationToken).ConfigureAwait(false);
            var done = status.Done || status.Error.Length > 0;
            if (last is null || last.Done != status.Done || last.Error != status.Error)
            {
                yield return new TaskProgress
                {
                    Task = task,
                    Done = done,
                    Error = status.Error,
                    Percentage = done && status.Error.Length == 0 ? 100 : 0,
                };
            }

            if (done)
            {
                yield break;
            }

            last = status;
            var wait = Min(deadline, time.GetUtcNow() + Options.TaskPollInterval) - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private Task<TResponse> UnaryAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, TimeSpan defaultTimeout, ProviderCallOptions? options, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        UnaryAsync(method, request, Options.TimeProvider.GetUtcNow() + (options?.Timeout ?? defaultTimeout), options, cancellationToken);

    private async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, DateTimeOffset deadline, ProviderCallOptions? options, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        using var call = _invoker.AsyncUnaryCall(method, request, CallOptionsFor(deadline, options, cancellationToken));
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    private CallOptions CallOptionsFor(DateTimeOffset deadline, ProviderCallOptions? options, CancellationToken cancellationToken) =>
        new(Headers: options?.Headers, Deadline: deadline, CancellationToken: cancellationToken, WaitForReady: Options.WaitForReady);

    private static bool IsEmpty([NotNullWhen(false)] TaskRef? task) => task is null || task.Id.Length == 0;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
