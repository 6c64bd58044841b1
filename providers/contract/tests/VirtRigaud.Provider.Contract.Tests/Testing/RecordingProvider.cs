using System.Collections.Concurrent;
using Google.Protobuf;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Contract.Tests.Testing;

/// <summary>
/// A provider that implements every RPC by echoing an identifying part of the request, and records each call's method
/// and the deadline the client sent. Its console echoes input back; its WatchTask reports three steps.
/// </summary>
internal sealed class RecordingProvider : ProviderServiceBase
{
    public ConcurrentQueue<(string Method, DateTimeOffset? Deadline, IMessage Request)> Calls { get; } = new();

    public override Task<ValidateResponse> ValidateAsync(ValidateRequest request, ServerCallContext context) =>
        Record(context, request, new ValidateResponse { Ok = true, Message = "ready" });

    public override Task<CreateResponse> CreateAsync(CreateRequest request, ServerCallContext context) =>
        Record(context, request, new CreateResponse { Id = "id-" + request.Name, Task = new TaskRef { Id = "task-create" } });

    public override Task<TaskResponse> DeleteAsync(DeleteRequest request, ServerCallContext context) =>
        Record(context, request, new TaskResponse { Task = new TaskRef { Id = "delete-" + request.Id } });

    public override Task<TaskResponse> PowerAsync(PowerRequest request, ServerCallContext context) =>
        Record(context, request, new TaskResponse { Task = new TaskRef { Id = $"power-{request.Id}-{request.Op}" } });

    public override Task<TaskResponse> ReconfigureAsync(ReconfigureRequest request, ServerCallContext context) =>
        Record(context, request, new TaskResponse { Task = new TaskRef { Id = "reconfigure-" + request.Id } });

    public override Task<TaskResponse> HardwareUpgradeAsync(HardwareUpgradeRequest request, ServerCallContext context) =>
        Record(context, request, new TaskResponse { Task = new TaskRef { Id = $"upgrade-{request.Id}-{request.TargetVersion}" } });

    public override Task<DescribeResponse> DescribeAsync(DescribeRequest request, ServerCallContext context) =>
        Record(context, request, new DescribeResponse { Exists = true, PowerState = "On", Ips = { "10.0.0.5" }, ConsoleUrl = "vnc://h:5900" });

    public override Task<TaskStatusResponse> TaskStatusAsync(TaskStatusRequest request, ServerCallContext context) =>
        Record(context, request, request.Task.Id switch
        {
            "failed" => new TaskStatusResponse { Done = true, Error = "disk full" },
            "running" => new TaskStatusResponse { Done = false },
            "unknown" => throw new RpcException(new Status(StatusCode.NotFound, "unknown task")),
            _ => new TaskStatusResponse { Done = true },
        });

    public override Task<SnapshotCreateResponse> SnapshotCreateAsync(SnapshotCreateRequest request, ServerCallContext context) =>
        Record(context, request, new SnapshotCreateResponse { SnapshotId = $"{request.VmId}/{request.NameHint}" });

    public override Task<TaskResponse> SnapshotDeleteAsync(SnapshotDeleteRequest request, ServerCallContext context) =>
        Record(context, request, new TaskResponse { Task = new TaskRef { Id = "snapdel-" + request.SnapshotId } });

    public override Task<TaskResponse> SnapshotRevertAsync(SnapshotRevertRequest request, ServerCallContext context) =>
        Record(context, request, new TaskResponse { Task = new TaskRef { Id = "revert-" + request.SnapshotId } });

    public override Task<CloneResponse> CloneAsync(CloneRequest request, ServerCallContext context) =>
        Record(context, request, new CloneResponse { TargetVmId = $"{request.SourceVmId}->{request.TargetName}" });

    public override Task<ImagePrepareResponse> ImagePrepareAsync(ImagePrepareRequest request, ServerCallContext context) =>
        Record(context, request, new ImagePrepareResponse { PreparedImageId = "img-" + request.TargetName });

    public override Task<GetCapabilitiesResponse> GetCapabilitiesAsync(GetCapabilitiesRequest request, ServerCallContext context) =>
        Record(context, request, new GetCapabilitiesResponse { SupportsSnapshots = true, SupportedDiskTypes = { "qcow2" } });

    public override Task<ExportDiskResponse> ExportDiskAsync(ExportDiskRequest request, ServerCallContext context) =>
        Record(context, request, new ExportDiskResponse { ExportId = "export-" + request.VmId });

    public override Task<ImportDiskResponse> ImportDiskAsync(ImportDiskRequest request, ServerCallContext context) =>
        Record(context, request, new ImportDiskResponse { DiskId = "disk-" + request.TargetName });

    public override Task<GetDiskInfoResponse> GetDiskInfoAsync(GetDiskInfoRequest request, ServerCallContext context) =>
        Record(context, request, new GetDiskInfoResponse { DiskId = "info-" + request.VmId });

    public override Task<ListVMsResponse> ListVMsAsync(ListVMsRequest request, ServerCallContext context) =>
        Record(context, request, new ListVMsResponse { Vms = { new VMInfo { Id = "vm-1", Name = "one" } } });

    public override async Task WatchTaskAsync(WatchTaskRequest request, IServerStreamWriter<TaskProgress> responses, ServerCallContext context)
    {
        Calls.Enqueue(("WatchTask", context.Deadline, request));
        foreach (var done in new[] { 0L, 50L, 100L })
        {
            await responses.WriteAsync(
                new TaskProgress
                {
                    Task = request.Task,
                    BytesDone = done,
                    BytesTotal = 100,
                    Percentage = done,
                    Done = done == 100,
                    Phase = "copying",
                },
                context.CancellationToken);
        }
    }

    public override async Task ConsoleStreamAsync(
        IAsyncStreamReader<ConsoleInput> requests, IServerStreamWriter<ConsoleOutput> responses, ServerCallContext context)
    {
        if (!await requests.MoveNext(context.CancellationToken) || requests.Current.InputCase != ConsoleInput.InputOneofCase.Open)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first message must be open"));
        }

        var open = requests.Current.Open;
        Calls.Enqueue(("ConsoleStream", context.Deadline, open));
        if (open.VmId == "missing")
        {
            throw new RpcException(new Status(StatusCode.NotFound, "no VM missing"));
        }

        await responses.WriteAsync(new ConsoleOutput { Opened = new ConsoleOpened { Kind = open.Kind } }, context.CancellationToken);
        while (await requests.MoveNext(context.CancellationToken))
        {
            var input = requests.Current;
            var echo = input.InputCase switch
            {
                ConsoleInput.InputOneofCase.Data => input.Data,
                ConsoleInput.InputOneofCase.Resize => ByteString.CopyFromUtf8($"[{input.Resize.Columns}x{input.Resize.Rows}]"),
                _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "a second open")),
            };
            await responses.WriteAsync(new ConsoleOutput { Data = echo }, context.CancellationToken);
        }

        await responses.WriteAsync(
            new ConsoleOutput { Closed = new ConsoleClosed { Reason = ConsoleCloseReason.ClientClosed, Message = "bye" } },
            context.CancellationToken);
    }

    public (string Method, DateTimeOffset? Deadline, IMessage Request) Single(string method) => Assert.Single(Calls, c => c.Method == method);

    private Task<T> Record<T>(ServerCallContext context, IMessage request, T response)
    {
        var method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        Calls.Enqueue((method, context.Deadline, request));
        return Task.FromResult(response);
    }
}
