using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Contract;

/// <summary>
/// Base class of a provider implementation: one virtual method per RPC of <c>provider.v1.Provider</c>. A method that is
/// not overridden ends the call with UNIMPLEMENTED (<c>"&lt;Rpc&gt; is not implemented by this provider"</c>), which is
/// the honest answer for a feature the provider does not offer. The per-RPC semantics (idempotency keys, status codes)
/// are in the proto's comments. Implementations must be thread-safe: calls run concurrently on one instance.
/// </summary>
public abstract class ProviderServiceBase
{
    /// <summary>
    /// The service definition for <c>MapGrpcService</c>: every RPC routed to the virtual method of this instance. Pure:
    /// it does not mutate this instance, and each call returns a new definition.
    /// </summary>
    public GrpcServiceDefinition CreateDefinition() =>
        GrpcServiceDefinition.For(ProviderMethods.Service)
            .AddUnary(ProviderMethods.Validate, ValidateAsync)
            .AddUnary(ProviderMethods.Create, CreateAsync)
            .AddUnary(ProviderMethods.Delete, DeleteAsync)
            .AddUnary(ProviderMethods.Power, PowerAsync)
            .AddUnary(ProviderMethods.Reconfigure, ReconfigureAsync)
            .AddUnary(ProviderMethods.HardwareUpgrade, HardwareUpgradeAsync)
            .AddUnary(ProviderMethods.Describe, DescribeAsync)
            .AddUnary(ProviderMethods.TaskStatus, TaskStatusAsync)
            .AddUnary(ProviderMethods.SnapshotCreate, SnapshotCreateAsync)
            .AddUnary(ProviderMethods.SnapshotDelete, SnapshotDeleteAsync)
            .AddUnary(ProviderMethods.SnapshotRevert, SnapshotRevertAsync)
            .AddUnary(ProviderMethods.Clone, CloneAsync)
            .AddUnary(ProviderMethods.ImagePrepare, ImagePrepareAsync)
            .AddUnary(ProviderMethods.GetCapabilities, GetCapabilitiesAsync)
            .AddUnary(ProviderMethods.ExportDisk, ExportDiskAsync)
            .AddUnary(ProviderMethods.ImportDisk, ImportDiskAsync)
            .AddUnary(ProviderMethods.GetDiskInfo, GetDiskInfoAsync)
            .AddUnary(ProviderMethods.ListVMs, ListVMsAsync)
            .AddServerStreaming(ProviderMethods.WatchTask, WatchTaskAsync)
            .AddDuplexStreaming(ProviderMethods.ConsoleStream, ConsoleStreamAsync)
            .Build();

    /// <summary>Checks that the provider can reach its hypervisor. Read-only.</summary>
    public virtual Task<ValidateResponse> ValidateAsync(ValidateRequest request, ServerCallContext context) =>
        Task.FromException<ValidateResponse>(Unimplemented(nameof(ProviderMethods.Validate)));

    /// <summary>Creates a VM; idempotent by <see cref="CreateRequest.Name"/>.</summary>
    public virtual Task<CreateResponse> CreateAsync(CreateRequest request, ServerCallContext context) =>
        Task.FromException<CreateResponse>(Unimplemented(nameof(ProviderMethods.Create)));

    /// <summary>Deletes a VM; a missing VM is already deleted (OK).</summary>
    public virtual Task<TaskResponse> DeleteAsync(DeleteRequest request, ServerCallContext context) =>
        Task.FromException<TaskResponse>(Unimplemented(nameof(ProviderMethods.Delete)));

    /// <summary>Changes the power state; idempotent by (id, op).</summary>
    public virtual Task<TaskResponse> PowerAsync(PowerRequest request, ServerCallContext context) =>
        Task.FromException<TaskResponse>(Unimplemented(nameof(ProviderMethods.Power)));

    /// <summary>Brings CPU, memory and disks to the desired state (level-based).</summary>
    public virtual Task<TaskResponse> ReconfigureAsync(ReconfigureRequest request, ServerCallContext context) =>
        Task.FromException<TaskResponse>(Unimplemented(nameof(ProviderMethods.Reconfigure)));

    /// <summary>Upgrades the virtual hardware version.</summary>
    public virtual Task<TaskResponse> HardwareUpgradeAsync(HardwareUpgradeRequest request, ServerCallContext context) =>
        Task.FromException<TaskResponse>(Unimplemented(nameof(ProviderMethods.HardwareUpgrade)));

    /// <summary>Reports a VM's state; a missing VM is <c>exists=false</c>, not NOT_FOUND. Read-only.</summary>
    public virtual Task<DescribeResponse> DescribeAsync(DescribeRequest request, ServerCallContext context) =>
        Task.FromException<DescribeResponse>(Unimplemented(nameof(ProviderMethods.Describe)));

    /// <summary>Reports whether a task has finished. Read-only.</summary>
    public virtual Task<TaskStatusResponse> TaskStatusAsync(TaskStatusRequest request, ServerCallContext context) =>
        Task.FromException<TaskStatusResponse>(Unimplemented(nameof(ProviderMethods.TaskStatus)));

    /// <summary>Takes a snapshot; idempotent by (vm_id, name_hint).</summary>
    public virtual Task<SnapshotCreateResponse> SnapshotCreateAsync(SnapshotCreateRequest request, ServerCallContext context) =>
        Task.FromException<SnapshotCreateResponse>(Unimplemented(nameof(ProviderMethods.SnapshotCreate)));

    /// <summary>Deletes a snapshot; a missing snapshot is already deleted (OK).</summary>
    public virtual Task<TaskResponse> SnapshotDeleteAsync(SnapshotDeleteRequest request, ServerCallContext context) =>
        Task.FromException<TaskResponse>(Unimplemented(nameof(ProviderMethods.SnapshotDelete)));

    /// <summary>Reverts a VM to a snapshot.</summary>
    public virtual Task<TaskResponse> SnapshotRevertAsync(SnapshotRevertRequest request, ServerCallContext context) =>
        Task.FromException<TaskResponse>(Unimplemented(nameof(ProviderMethods.SnapshotRevert)));

    /// <summary>Clones a VM; idempotent by target_name.</summary>
    public virtual Task<CloneResponse> CloneAsync(CloneRequest request, ServerCallContext context) =>
        Task.FromException<CloneResponse>(Unimplemented(nameof(ProviderMethods.Clone)));

    /// <summary>Imports an image; idempotent by target_name.</summary>
    public virtual Task<ImagePrepareResponse> ImagePrepareAsync(ImagePrepareRequest request, ServerCallContext context) =>
        Task.FromException<ImagePrepareResponse>(Unimplemented(nameof(ProviderMethods.ImagePrepare)));

    /// <summary>Advertises the provider's features. Read-only; constant for the process lifetime.</summary>
    public virtual Task<GetCapabilitiesResponse> GetCapabilitiesAsync(GetCapabilitiesRequest request, ServerCallContext context) =>
        Task.FromException<GetCapabilitiesResponse>(Unimplemented(nameof(ProviderMethods.GetCapabilities)));

    /// <summary>Copies a disk to a destination URL.</summary>
    public virtual Task<ExportDiskResponse> ExportDiskAsync(ExportDiskRequest request, ServerCallContext context) =>
        Task.FromException<ExportDiskResponse>(Unimplemented(nameof(ProviderMethods.ExportDisk)));

    /// <summary>Copies a disk from a source URL; idempotent by target_name.</summary>
    public virtual Task<ImportDiskResponse> ImportDiskAsync(ImportDiskRequest request, ServerCallContext context) =>
        Task.FromException<ImportDiskResponse>(Unimplemented(nameof(ProviderMethods.ImportDisk)));

    /// <summary>Reports a disk's format and sizes. Read-only.</summary>
    public virtual Task<GetDiskInfoResponse> GetDiskInfoAsync(GetDiskInfoRequest request, ServerCallContext context) =>
        Task.FromException<GetDiskInfoResponse>(Unimplemented(nameof(ProviderMethods.GetDiskInfo)));

    /// <summary>Lists every managed VM. Read-only.</summary>
    public virtual Task<ListVMsResponse> ListVMsAsync(ListVMsRequest request, ServerCallContext context) =>
        Task.FromException<ListVMsResponse>(Unimplemented(nameof(ProviderMethods.ListVMs)));

    /// <summary>
    /// Our addition: streams a task's progress until it is done (first message at once, last with <c>done = true</c>).
    /// Read-only. Without an override, clients fall back to polling <see cref="TaskStatusAsync"/>.
    /// </summary>
    public virtual Task WatchTaskAsync(WatchTaskRequest request, IServerStreamWriter<TaskProgress> responses, ServerCallContext context) =>
        Task.FromException(Unimplemented(nameof(ProviderMethods.WatchTask)));

    /// <summary>
    /// Our addition: an interactive serial console session (open first, then data/resize; half-close ends it). Without an
    /// override, clients report the console as unsupported.
    /// </summary>
    public virtual Task ConsoleStreamAsync(IAsyncStreamReader<ConsoleInput> requests, IServerStreamWriter<ConsoleOutput> responses, ServerCallContext context) =>
        Task.FromException(Unimplemented(nameof(ProviderMethods.ConsoleStream)));

    /// <summary>The UNIMPLEMENTED error a method that is not overridden ends with.</summary>
    protected static RpcException Unimplemented(string rpc) =>
        new(new Status(StatusCode.Unimplemented, $"{rpc} is not implemented by this provider"));
}
