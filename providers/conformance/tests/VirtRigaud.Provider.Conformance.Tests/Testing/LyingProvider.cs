using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Conformance.Tests.Testing;

/// <summary>
/// A deliberately broken provider: every RPC goes to a correct one (the mock) except where <see cref="Lie"/> says
/// otherwise. The negative tests prove the suite notices each lie.
/// </summary>
internal sealed class LyingProvider(ProviderServiceBase inner, Lie lie) : ProviderServiceBase
{
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);

    public override Task<ValidateResponse> ValidateAsync(ValidateRequest request, ServerCallContext context) => inner.ValidateAsync(request, context);

    public override async Task<CreateResponse> CreateAsync(CreateRequest request, ServerCallContext context)
    {
        if (lie == Lie.CreateNotIdempotent)
        {
            bool seen;
            lock (_created)
            {
                seen = !_created.Add(request.Name);
            }

            if (seen)
            {
                var copy = request.Clone();
                copy.Name = request.Name + "-again";
                return await inner.CreateAsync(copy, context);
            }
        }

        return await inner.CreateAsync(request, context);
    }

    public override Task<TaskResponse> DeleteAsync(DeleteRequest request, ServerCallContext context) =>
        lie == Lie.DeleteFails
            ? throw new RpcException(new Status(StatusCode.Unavailable, "the hypervisor is not answering"))
            : inner.DeleteAsync(request, context);

    public override async Task<TaskResponse> PowerAsync(PowerRequest request, ServerCallContext context)
    {
        if (lie == Lie.PowerIgnored)
        {
            return new TaskResponse();
        }

        if (lie == Lie.MissingVmPowerInternal && !(await inner.DescribeAsync(new DescribeRequest { Id = request.Id }, context)).Exists)
        {
            throw new RpcException(new Status(StatusCode.Internal, "something went wrong"));
        }

        return await inner.PowerAsync(request, context);
    }

    public override Task<TaskResponse> ReconfigureAsync(ReconfigureRequest request, ServerCallContext context) => inner.ReconfigureAsync(request, context);

    public override Task<TaskResponse> HardwareUpgradeAsync(HardwareUpgradeRequest request, ServerCallContext context) => inner.HardwareUpgradeAsync(request, context);

    public override async Task<DescribeResponse> DescribeAsync(DescribeRequest request, ServerCallContext context)
    {
        var response = await inner.DescribeAsync(request, context);
        return lie == Lie.DescribeMissingNotFound && !response.Exists
            ? throw new RpcException(new Status(StatusCode.NotFound, $"vm {request.Id} not found"))
            : response;
    }

    public override async Task<TaskStatusResponse> TaskStatusAsync(TaskStatusRequest request, ServerCallContext context)
    {
        var response = await inner.TaskStatusAsync(request, context);
        return lie == Lie.TaskNeverDone ? new TaskStatusResponse { Done = false } : response;
    }

    public override Task<SnapshotCreateResponse> SnapshotCreateAsync(SnapshotCreateRequest request, ServerCallContext context) => inner.SnapshotCreateAsync(request, context);

    public override Task<TaskResponse> SnapshotDeleteAsync(SnapshotDeleteRequest request, ServerCallContext context) => inner.SnapshotDeleteAsync(request, context);

    public override Task<TaskResponse> SnapshotRevertAsync(SnapshotRevertRequest request, ServerCallContext context) => inner.SnapshotRevertAsync(request, context);

    public override Task<CloneResponse> CloneAsync(CloneRequest request, ServerCallContext context) => inner.CloneAsync(request, context);

    public override Task<ImagePrepareResponse> ImagePrepareAsync(ImagePrepareRequest request, ServerCallContext context) => inner.ImagePrepareAsync(request, context);

    public override async Task<GetCapabilitiesResponse> GetCapabilitiesAsync(GetCapabilitiesRequest request, ServerCallContext context)
    {
        var response = await inner.GetCapabilitiesAsync(request, context);
        switch (lie)
        {
            case Lie.SnapshotsHiddenButWorking:
                response.SupportsSnapshots = false;
                response.SupportsMemorySnapshots = false;
                break;
            case Lie.MemorySnapshotsWithoutSnapshots:
                response.SupportsSnapshots = false;
                response.SupportsMemorySnapshots = true;
                break;
            default:
                break;
        }

        return response;
    }

    public override Task<ExportDiskResponse> ExportDiskAsync(ExportDiskRequest request, ServerCallContext context) => inner.ExportDiskAsync(request, context);

    public override Task<ImportDiskResponse> ImportDiskAsync(ImportDiskRequest request, ServerCallContext context)
    {
        if (lie == Lie.ImportIgnoresChecksum)
        {
            request = request.Clone();
            request.VerifyChecksum = false;
            request.ExpectedChecksum = "";
        }

        return inner.ImportDiskAsync(request, context);
    }

    public override Task<GetDiskInfoResponse> GetDiskInfoAsync(GetDiskInfoRequest request, ServerCallContext context) => inner.GetDiskInfoAsync(request, context);

    public override async Task<ListVMsResponse> ListVMsAsync(ListVMsRequest request, ServerCallContext context)
    {
        var response = await inner.ListVMsAsync(request, context);
        if (lie == Lie.ListOmitsVm)
        {
            var kept = response.Vms.Where(v => !v.Name.EndsWith("-list-b", StringComparison.Ordinal)).ToList();
            response.Vms.Clear();
            response.Vms.Add(kept);
        }

        return response;
    }

    public override Task WatchTaskAsync(WatchTaskRequest request, IServerStreamWriter<TaskProgress> responses, ServerCallContext context) =>
        inner.WatchTaskAsync(request, responses, context);

    public override async Task ConsoleStreamAsync(IAsyncStreamReader<ConsoleInput> requests, IServerStreamWriter<ConsoleOutput> responses, ServerCallContext context)
    {
        if (lie != Lie.ConsoleClosesSilently)
        {
            await inner.ConsoleStreamAsync(requests, responses, context);
            return;
        }

        // Opens and relays like a provider would, but drops the closed message at the end.
        await inner.ConsoleStreamAsync(requests, new DropClosed(responses), context);
    }

    /// <summary>Passes every console message on except <c>closed</c>.</summary>
    private sealed class DropClosed(IServerStreamWriter<ConsoleOutput> inner) : IServerStreamWriter<ConsoleOutput>
    {
        public Task WriteAsync(ConsoleOutput message, CancellationToken cancellationToken) =>
            message.OutputCase == ConsoleOutput.OutputOneofCase.Closed ? Task.CompletedTask : inner.WriteAsync(message, cancellationToken);
    }
}
