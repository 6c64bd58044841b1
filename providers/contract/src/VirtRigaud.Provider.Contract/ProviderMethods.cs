using Google.Protobuf.Reflection;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Contract;

/// <summary>
/// The <c>provider.v1.Provider</c> service and one descriptor per RPC (full names <c>/provider.v1.Provider/&lt;Rpc&gt;</c>),
/// built once from the generated file descriptor. Immutable and thread-safe.
/// </summary>
public static class ProviderMethods
{
    /// <summary>The service descriptor of <c>provider.v1.Provider</c>.</summary>
    public static readonly ServiceDescriptor Service = ProviderReflection.Descriptor.Services.Single(s => s.Name == "Provider");

    /// <summary>The fully qualified service name, <c>provider.v1.Provider</c>.</summary>
    public const string ServiceName = "provider.v1.Provider";

    /// <summary><c>/provider.v1.Provider/Validate</c>.</summary>
    public static readonly Method<ValidateRequest, ValidateResponse> Validate = Method<ValidateRequest, ValidateResponse>.Create(Service, nameof(Validate));

    /// <summary><c>/provider.v1.Provider/Create</c>.</summary>
    public static readonly Method<CreateRequest, CreateResponse> Create = Method<CreateRequest, CreateResponse>.Create(Service, nameof(Create));

    /// <summary><c>/provider.v1.Provider/Delete</c>.</summary>
    public static readonly Method<DeleteRequest, TaskResponse> Delete = Method<DeleteRequest, TaskResponse>.Create(Service, nameof(Delete));

    /// <summary><c>/provider.v1.Provider/Power</c>.</summary>
    public static readonly Method<PowerRequest, TaskResponse> Power = Method<PowerRequest, TaskResponse>.Create(Service, nameof(Power));

    /// <summary><c>/provider.v1.Provider/Reconfigure</c>.</summary>
    public static readonly Method<ReconfigureRequest, TaskResponse> Reconfigure = Method<ReconfigureRequest, TaskResponse>.Create(Service, nameof(Reconfigure));

    /// <summary><c>/provider.v1.Provider/HardwareUpgrade</c>.</summary>
    public static readonly Method<HardwareUpgradeRequest, TaskResponse> HardwareUpgrade = Method<HardwareUpgradeRequest, TaskResponse>.Create(Service, nameof(HardwareUpgrade));

    /// <summary><c>/provider.v1.Provider/Describe</c>.</summary>
    public static readonly Method<DescribeRequest, DescribeResponse> Describe = Method<DescribeRequest, DescribeResponse>.Create(Service, nameof(Describe));

    /// <summary><c>/provider.v1.Provider/TaskStatus</c>.</summary>
    public static readonly Method<TaskStatusRequest, TaskStatusResponse> TaskStatus = Method<TaskStatusRequest, TaskStatusResponse>.Create(Service, nameof(TaskStatus));

    /// <summary><c>/provider.v1.Provider/SnapshotCreate</c>.</summary>
    public static readonly Method<SnapshotCreateRequest, SnapshotCreateResponse> SnapshotCreate = Method<SnapshotCreateRequest, SnapshotCreateResponse>.Create(Service, nameof(SnapshotCreate));

    /// <summary><c>/provider.v1.Provider/SnapshotDelete</c>.</summary>
    public static readonly Method<SnapshotDeleteRequest, TaskResponse> SnapshotDelete = Method<SnapshotDeleteRequest, TaskResponse>.Create(Service, nameof(SnapshotDelete));

    /// <summary><c>/provider.v1.Provider/SnapshotRevert</c>.</summary>
    public static readonly Method<SnapshotRevertRequest, TaskResponse> SnapshotRevert = Method<SnapshotRevertRequest, TaskResponse>.Create(Service, nameof(SnapshotRevert));

    /// <summary><c>/provider.v1.Provider/Clone</c>.</summary>
    public static readonly Method<CloneRequest, CloneResponse> Clone = Method<CloneRequest, CloneResponse>.Create(Service, nameof(Clone));

    /// <summary><c>/provider.v1.Provider/ImagePrepare</c>.</summary>
    public static readonly Method<ImagePrepareRequest, ImagePrepareResponse> ImagePrepare = Method<ImagePrepareRequest, ImagePrepareResponse>.Create(Service, nameof(ImagePrepare));

    /// <summary><c>/provider.v1.Provider/GetCapabilities</c>.</summary>
    public static readonly Method<GetCapabilitiesRequest, GetCapabilitiesResponse> GetCapabilities = Method<GetCapabilitiesRequest, GetCapabilitiesResponse>.Create(Service, nameof(GetCapabilities));

    /// <summary><c>/provider.v1.Provider/ExportDisk</c>.</summary>
    public static readonly Method<ExportDiskRequest, ExportDiskResponse> ExportDisk = Method<ExportDiskRequest, ExportDiskResponse>.Create(Service, nameof(ExportDisk));

    /// <summary><c>/provider.v1.Provider/ImportDisk</c>.</summary>
    public static readonly Method<ImportDiskRequest, ImportDiskResponse> ImportDisk = Method<ImportDiskRequest, ImportDiskResponse>.Create(Service, nameof(ImportDisk));

    /// <summary><c>/provider.v1.Provider/GetDiskInfo</c>.</summary>
    public static readonly Method<GetDiskInfoRequest, GetDiskInfoResponse> GetDiskInfo = Method<GetDiskInfoRequest, GetDiskInfoResponse>.Create(Service, nameof(GetDiskInfo));

    /// <summary><c>/provider.v1.Provider/ListVMs</c>.</summary>
    public static readonly Method<ListVMsRequest, ListVMsResponse> ListVMs = Method<ListVMsRequest, ListVMsResponse>.Create(Service, nameof(ListVMs));

    /// <summary><c>/provider.v1.Provider/WatchTask</c>. Our addition: server-streaming.</summary>
    public static readonly Method<WatchTaskRequest, TaskProgress> WatchTask = Method<WatchTaskRequest, TaskProgress>.Create(Service, nameof(WatchTask));

    /// <summary><c>/provider.v1.Provider/ConsoleStream</c>. Our addition: bidirectional streaming.</summary>
    public static readonly Method<ConsoleInput, ConsoleOutput> ConsoleStream = Method<ConsoleInput, ConsoleOutput>.Create(Service, nameof(ConsoleStream));

    /// <summary>The full names of the 18 upstream RPCs, in the order the proto declares them.</summary>
    public static readonly IReadOnlyList<string> UpstreamMethodNames =
    [
        Validate.FullName,
        Create.FullName,
        Delete.FullName,
        Power.FullName,
        Reconfigure.FullName,
        HardwareUpgrade.FullName,
        Describe.FullName,
        TaskStatus.FullName,
        SnapshotCreate.FullName,
        SnapshotDelete.FullName,
        SnapshotRevert.FullName,
        Clone.FullName,
        ImagePrepare.FullName,
        GetCapabilities.FullName,
        ExportDisk.FullName,
        ImportDisk.FullName,
        GetDiskInfo.FullName,
        ListVMs.FullName,
    ];

    /// <summary>The full names of our additive RPCs (WatchTask, ConsoleStream); upstream providers answer them UNIMPLEMENTED.</summary>
    public static readonly IReadOnlyList<string> AdditionMethodNames = [WatchTask.FullName, ConsoleStream.FullName];
}
