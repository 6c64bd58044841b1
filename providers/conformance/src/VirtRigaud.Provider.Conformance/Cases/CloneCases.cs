using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>clone-full and clone-linked: a clone is a new VM, idempotent by target name; a linked one depends on its source.</summary>
internal static class CloneCases
{
    public static readonly ConformanceCase CloneFull = new(
        ConformanceCaseNames.CloneFull,
        "A full clone is a new VM with its own id, idempotent by target name, listed by ListVMs, and outlives its source.",
        CloneFullAsync);

    public static readonly ConformanceCase CloneLinked = new(
        ConformanceCaseNames.CloneLinked,
        "A linked clone reports a backing file, keeps its source from being deleted (FAILED_PRECONDITION) until the clone is gone. Skipped when supports_linked_clones is false and a linked Clone is refused.",
        CloneLinkedAsync);

    private static async Task<CaseVerdict> CloneFullAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var source = await context.CreateVmAsync("clone-src", cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(source, PowerOp.Off, PowerCases.Off, cancellationToken).ConfigureAwait(false);
        var target = await CloneAsync(context, source, "clone-full", linked: false, cancellationToken).ConfigureAwait(false);

        var listed = await context.Client.ListVMsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"ListVMs → {listed.Vms.Count} VM(s)");
        Check(listed.Vms.Any(v => v.Id == target && v.Name == context.Name("clone-full")), $"ListVMs does not list the clone {target} as {context.Name("clone-full")}");
        Check(listed.Vms.Any(v => v.Id == source), $"ListVMs no longer lists the clone's source {source}");

        // A full clone owns its disks: deleting the source must neither be refused nor take the clone along.
        await context.DeleteVmAsync(source, cancellationToken).ConfigureAwait(false);
        var clone = await context.DescribeAsync(target, cancellationToken).ConfigureAwait(false);
        Check(clone.Exists, $"the full clone {target} vanished when its source {source} was deleted");
        return CaseVerdict.Pass();
    }

    private static async Task<CaseVerdict> CloneLinkedAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var capabilities = await context.CapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        var source = await context.CreateVmAsync("linked-src", cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(source, PowerOp.Off, PowerCases.Off, cancellationToken).ConfigureAwait(false);
        if (!capabilities.SupportsLinkedClones)
        {
            return await context.SkipWhenRefusedAsync(
                "supports_linked_clones is false",
                $"linked Clone of {source}",
                async () =>
                {
                    var response = await context.Client.CloneAsync(NewClone(context, source, "linked-absent", linked: true), cancellationToken: cancellationToken)
                        .ConfigureAwait(false);
                    context.Track(response.TargetVmId);
                }).ConfigureAwait(false);
        }

        var target = await CloneAsync(context, source, "clone-linked", linked: true, cancellationToken).ConfigureAwait(false);
        var disk = await context.Client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = target }, cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"GetDiskInfo {target} → backing_file \"{disk.BackingFile}\"");
        Check(disk.BackingFile.Length > 0, $"GetDiskInfo of the linked clone {target} reports no backing_file");

        await context.ExpectStatusAsync(
            $"Delete of {source} while the linked clone {target} depends on it",
            [StatusCode.FailedPrecondition],
            () => context.Client.DeleteAsync(new DeleteRequest { Id = source }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var stillThere = await context.DescribeAsync(source, cancellationToken).ConfigureAwait(false);
        Check(stillThere.Exists, $"the refused Delete removed {source} anyway");

        await context.DeleteVmAsync(target, cancellationToken).ConfigureAwait(false);
        await context.DeleteVmAsync(source, cancellationToken).ConfigureAwait(false);
        return CaseVerdict.Pass();
    }

    private static CloneRequest NewClone(ConformanceContext context, string source, string label, bool linked) => new()
    {
        SourceVmId = source,
        TargetName = context.Name(label),
        Linked = linked,
        ClassJson = FixturePayloads.CloneClassJson(context.Fixture.Cloning.Class),
        CustomizeJson = FixturePayloads.CustomizeJson(context.Fixture.Cloning.Customize),
    };

    /// <summary>Clones, checks the result and its idempotent repeat, waits for the task; returns the clone's id.</summary>
    private static async Task<string> CloneAsync(ConformanceContext context, string source, string label, bool linked, CancellationToken cancellationToken)
    {
        var name = context.Name(label);
        var response = await context.Client.CloneAsync(NewClone(context, source, label, linked), cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"Clone {source} → {name} linked={Lower(linked)} → target_vm_id \"{response.TargetVmId}\"{TaskSuffix(response.Task)}");
        Check(response.TargetVmId.Length > 0, $"Clone to {name}: empty target_vm_id");
        context.Track(response.TargetVmId);
        Check(response.TargetVmId != source, $"Clone to {name} returned the source's id \"{source}\"");
        await context.AwaitTaskAsync(response.Task, $"Clone to {name}", cancellationToken).ConfigureAwait(false);

        var again = await context.Client.CloneAsync(NewClone(context, source, label, linked), cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"Clone {source} → {name} again → target_vm_id \"{again.TargetVmId}\"{TaskSuffix(again.Task)}");
        Check(again.TargetVmId == response.TargetVmId, $"Clone to the existing {name} returned \"{again.TargetVmId}\", want \"{response.TargetVmId}\"");
        await context.AwaitTaskAsync(again.Task, $"the repeated Clone to {name}", cancellationToken).ConfigureAwait(false);

        var described = await context.DescribeAsync(response.TargetVmId, cancellationToken).ConfigureAwait(false);
        Check(described.Exists, $"Describe of the clone {response.TargetVmId} answered exists=false");
        return response.TargetVmId;
    }
}
