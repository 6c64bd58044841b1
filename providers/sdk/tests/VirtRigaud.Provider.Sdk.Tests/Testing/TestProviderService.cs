using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Capabilities;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Idempotency;
using VirtRigaud.Provider.Sdk.Tasks;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Tests.Testing;

/// <summary>
/// The in-process tests' provider, built the way a real one uses the SDK: idempotent Create through the
/// <see cref="IdempotencyRegistry"/>, ExportDisk as a task in the <see cref="TaskRegistry"/>, TaskStatus and WatchTask
/// served from it, domain errors through <see cref="ProviderErrors"/>. Behaviour is steered by <see cref="TestProviderControl"/>.
/// </summary>
internal sealed class TestProviderService : ProviderServiceBase
{
    public const long ExportSize = 1_000_000;

    private readonly TaskRegistry _tasks;
    private readonly IdempotencyRegistry _idempotency;
    private readonly TestProviderControl _control;

    public TestProviderService(TaskRegistry tasks, IdempotencyRegistry idempotency, TestProviderControl control)
    {
        _tasks = tasks;
        _idempotency = idempotency;
        _control = control;
    }

    public override Task<ValidateResponse> ValidateAsync(ValidateRequest request, ServerCallContext context)
    {
        _control.CountValidate();
        return _control.ValidateFailure is { } failure ? Task.FromException<ValidateResponse>(failure) : Task.FromResult(_control.ValidateResponse);
    }

    public override Task<CreateResponse> CreateAsync(CreateRequest request, ServerCallContext context) =>
        _idempotency.RunAsync(
            "Create",
            request.Name,
            async ct =>
            {
                _control.CountCreate();
                await _control.CreateGate.Task.WaitAsync(ct);
                return new CreateResponse { Id = "vm-" + request.Name };
            },
            context.CancellationToken,
            IdempotencyRegistry.Fingerprint(request));

    public override Task<DescribeResponse> DescribeAsync(DescribeRequest request, ServerCallContext context) => request.Id switch
    {
        "" => throw ProviderErrors.InvalidArgument("id is empty"),
        "missing" => throw ProviderErrors.NotFound("vm", request.Id),
        "busy" => throw ProviderErrors.RateLimited(TimeSpan.FromSeconds(90.5)),
        "bug" => throw new InvalidOperationException("parser broke on token s3cr3t-internal-detail"),
        "rpc" => throw new RpcException(new Status(StatusCode.Aborted, "chosen by the handler")),
        _ => Task.FromResult(new DescribeResponse { Exists = true, PowerState = "On" }),
    };

    public override async Task<TaskResponse> PowerAsync(PowerRequest request, ServerCallContext context)
    {
        _control.PowerEntered.TrySetResult();
        await _control.PowerGate.Task.WaitAsync(context.CancellationToken);
        return new TaskResponse();
    }

    public override Task<ExportDiskResponse> ExportDiskAsync(ExportDiskRequest request, ServerCallContext context)
    {
        var task = _tasks.Start("ExportDisk", async (progress, ct) =>
        {
            progress.ReportBytes(ExportSize / 4, ExportSize, "copying", "uploading");
            await _control.ExportGate.Task.WaitAsync(ct);
            progress.ReportBytes(ExportSize, ExportSize, "copied");
        });
        return Task.FromResult(new ExportDiskResponse { ExportId = "export-" + request.VmId, Task = task });
    }

    public override Task<TaskStatusResponse> TaskStatusAsync(TaskStatusRequest request, ServerCallContext context) =>
        Task.FromResult(_tasks.GetStatus(request));

    public override Task WatchTaskAsync(WatchTaskRequest request, IServerStreamWriter<TaskProgress> responses, ServerCallContext context) =>
        _tasks.WatchAsync(request, responses, context);

    public override Task<GetCapabilitiesResponse> GetCapabilitiesAsync(GetCapabilitiesRequest request, ServerCallContext context) =>
        Task.FromResult(new CapabilitiesBuilder().WithSnapshots().WithDiskExport([DiskFormats.Qcow2]).Build());
}
