using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>error-codes: the status codes the contract promises for bad input and missing objects, checked all at once.</summary>
internal static class ErrorCodeCases
{
    private static readonly StatusCode[] InvalidArgument = [StatusCode.InvalidArgument];
    private static readonly StatusCode[] NotFound = [StatusCode.NotFound];
    private static readonly StatusCode[] Refused = [StatusCode.Unimplemented, StatusCode.FailedPrecondition];

    public static readonly ConformanceCase ErrorCodes = new(
        ConformanceCaseNames.ErrorCodes,
        "Bad input answers INVALID_ARGUMENT (empty name, unparsable JSON, POWER_OP_UNSPECIFIED, empty task id) and missing objects NOT_FOUND (Power, Reconfigure, GetDiskInfo, Clone, SnapshotRevert, ExportDisk of a missing VM or snapshot); Delete of a missing VM is OK without a task. Every mismatch is reported.",
        ErrorCodesAsync);

    private static async Task<CaseVerdict> ErrorCodesAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var capabilities = await context.CapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        var vm = await context.CreateVmAsync("errors", cancellationToken).ConfigureAwait(false);
        var missing = context.Name("missing");
        var client = context.Client;
        var ct = cancellationToken;

        // Errors as data: every expectation is checked and every mismatch listed, so one run shows the whole picture.
        var problems = new List<string>();
        async Task ExpectAsync(string what, StatusCode[] codes, Func<Task> call)
        {
            try
            {
                await context.ExpectStatusAsync(what, codes, call).ConfigureAwait(false);
            }
            catch (ConformanceCaseFailedException e)
            {
                problems.Add(e.Message);
            }
        }

        await ExpectAsync("Create with an empty name", InvalidArgument, async () => context.Track((await client.CreateAsync(context.NewCreateRequest(""), cancellationToken: ct).ConfigureAwait(false)).Id))
            .ConfigureAwait(false);
        var badClass = context.NewCreateRequest(context.Name("bad-class"));
        badClass.ClassJson = "{not json";
        await ExpectAsync("Create with unparsable class_json", InvalidArgument, async () => context.Track((await client.CreateAsync(badClass, cancellationToken: ct).ConfigureAwait(false)).Id))
            .ConfigureAwait(false);
        await ExpectAsync("Power POWER_OP_UNSPECIFIED", InvalidArgument, () => client.PowerAsync(new PowerRequest { Id = vm, Op = PowerOp.Unspecified }, cancellationToken: ct))
            .ConfigureAwait(false);
        await ExpectAsync("Power ON of a missing VM", NotFound, () => client.PowerAsync(new PowerRequest { Id = missing, Op = PowerOp.On }, cancellationToken: ct))
            .ConfigureAwait(false);
        await ExpectAsync(
            "Reconfigure of a missing VM",
            NotFound,
            () => client.ReconfigureAsync(new ReconfigureRequest { Id = missing, DesiredJson = context.DesiredJson(missing, context.CreateClass) }, cancellationToken: ct))
            .ConfigureAwait(false);
        await ExpectAsync("Reconfigure with unparsable desired_json", InvalidArgument, () => client.ReconfigureAsync(new ReconfigureRequest { Id = vm, DesiredJson = "{not json" }, cancellationToken: ct))
            .ConfigureAwait(false);
        await ExpectAsync("TaskStatus of an empty task id", InvalidArgument, () => client.TaskStatusAsync(new TaskStatusRequest { Task = new TaskRef() }, cancellationToken: ct))
            .ConfigureAwait(false);
        await ExpectAsync("GetDiskInfo of a missing VM", NotFound, () => client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = missing }, cancellationToken: ct))
            .ConfigureAwait(false);
        await ExpectAsync(
            "Clone of a missing VM",
            NotFound,
            async () => context.Track((await client.CloneAsync(new CloneRequest { SourceVmId = missing, TargetName = context.Name("clone-of-missing") }, cancellationToken: ct).ConfigureAwait(false)).TargetVmId))
            .ConfigureAwait(false);
        await ExpectAsync(
            "SnapshotRevert to a missing snapshot",
            capabilities.SupportsSnapshots ? NotFound : Refused,
            () => client.SnapshotRevertAsync(new SnapshotRevertRequest { VmId = vm, SnapshotId = context.Name("no-such-snapshot") }, cancellationToken: ct))
            .ConfigureAwait(false);
        if (capabilities.SupportsDiskExport)
        {
            var format = capabilities.SupportedExportFormats.FirstOrDefault() ?? "qcow2";
            await ExpectAsync(
                "ExportDisk of a missing VM",
                NotFound,
                () => client.ExportDiskAsync(
                    new ExportDiskRequest
                    {
                        VmId = missing,
                        DestinationUrl = context.Fixture.DiskTransfer.UrlFor(context.Name("export-of-missing"), format),
                        Format = format,
                        BackendType = context.Fixture.DiskTransfer.BackendType,
                    },
                    cancellationToken: ct)).ConfigureAwait(false);
        }

        try
        {
            var deleted = await client.DeleteAsync(new DeleteRequest { Id = missing }, cancellationToken: ct).ConfigureAwait(false);
            context.Step($"Delete of a missing VM → OK{TaskSuffix(deleted.Task)}");
            if (deleted.Task is { Id.Length: > 0 })
            {
                problems.Add($"Delete of a missing VM: returned task \"{deleted.Task.Id}\", want none");
            }
        }
        catch (RpcException e)
        {
            context.Step($"Delete of a missing VM → {e.StatusCode} {Quote(e.Status.Detail)}");
            problems.Add($"Delete of a missing VM: answered {e.StatusCode} ({Quote(e.Status.Detail)}), want OK (already deleted)");
        }

        Check(problems.Count == 0, $"{problems.Count} wrong answer(s): {string.Join("; ", problems)}");
        return CaseVerdict.Pass();
    }
}
