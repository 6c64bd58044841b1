using VirtRigaud.Provider.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>describe-missing, create-idempotent and list-vms: a VM's existence as Create, Describe, ListVMs and Delete see it.</summary>
internal static class LifecycleCases
{
    private static readonly HashSet<string> PowerStates = new(StringComparer.Ordinal) { "On", "Off", "Suspended", "Unknown" };

    public static readonly ConformanceCase DescribeMissing = new(
        ConformanceCaseNames.DescribeMissing,
        "Describe of a VM that does not exist answers OK with exists=false and every other field empty (not NOT_FOUND).",
        DescribeMissingAsync);

    public static readonly ConformanceCase CreateIdempotent = new(
        ConformanceCaseNames.CreateIdempotent,
        "Create is idempotent by name (a repeat returns the same id and no task; concurrent duplicates make one VM); Delete removes the VM and is idempotent.",
        CreateIdempotentAsync);

    public static readonly ConformanceCase ListVms = new(
        ConformanceCaseNames.ListVms,
        "ListVMs lists every VM the provider made, once each, with its id, name and a known power state, and stops listing a deleted VM.",
        ListVmsAsync);

    private static async Task<CaseVerdict> DescribeMissingAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var id = context.Name("missing");
        var response = await context.DescribeAsync(id, cancellationToken).ConfigureAwait(false);
        Check(!response.Exists, $"Describe {id} (never created) answered exists=true");
        Check(
            response.PowerState.Length == 0 && response.Ips.Count == 0 && response.ConsoleUrl.Length == 0,
            $"Describe {id} (never created) answered exists=false but filled other fields: {response}");
        return CaseVerdict.Pass();
    }

    private static async Task<CaseVerdict> CreateIdempotentAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var name = context.Name("idem");
        var id = await context.CreateVmAsync("idem", cancellationToken).ConfigureAwait(false);
        var described = await context.DescribeAsync(id, cancellationToken).ConfigureAwait(false);
        Check(described.Exists, $"Describe {id} right after Create answered exists=false");
        Check(PowerStates.Contains(described.PowerState), $"Describe {id}: power_state \"{described.PowerState}\" is not On, Off, Suspended or Unknown");

        var again = await context.Client.CreateAsync(context.NewCreateRequest(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"Create {name} again → id \"{again.Id}\"{TaskSuffix(again.Task)}");
        Check(again.Id == id, $"Create {name} a second time returned id \"{again.Id}\", want the first call's \"{id}\"");
        Check(again.Task is null || again.Task.Id.Length == 0, $"Create {name} of an existing VM returned task \"{again.Task?.Id}\", want none");
        await CheckListedOnceAsync(context, id, name, cancellationToken).ConfigureAwait(false);

        await context.DeleteVmAsync(id, cancellationToken).ConfigureAwait(false);
        var gone = await context.DescribeAsync(id, cancellationToken).ConfigureAwait(false);
        Check(!gone.Exists, $"Describe {id} after Delete answered exists=true");
        var deleteAgain = await context.Client.DeleteAsync(new DeleteRequest { Id = id }, cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"Delete {id} again → OK{TaskSuffix(deleteAgain.Task)}");
        Check(deleteAgain.Task is null || deleteAgain.Task.Id.Length == 0, $"Delete of the already deleted {id} returned task \"{deleteAgain.Task?.Id}\", want none");

        // Two creates of one new name at the same time: the provider must join them into one VM (CSI: the name is the
        // idempotency key even for concurrent retries, which is what a manager does after a deadline).
        var concurrentName = context.Name("idem-concurrent");
        var first = context.Client.CreateAsync(context.NewCreateRequest(concurrentName), cancellationToken: cancellationToken);
        var second = context.Client.CreateAsync(context.NewCreateRequest(concurrentName), cancellationToken: cancellationToken);
        CreateResponse[] responses;
        try
        {
            responses = await Task.WhenAll(first, second).ConfigureAwait(false);
        }
        finally
        {
            // Whatever the outcome, track what was made so that cleanup deletes it.
            foreach (var made in new[] { first, second }.Where(t => t.IsCompletedSuccessfully))
            {
                context.Track(made.Result.Id);
            }
        }

        context.Step($"2 × Create {concurrentName} concurrently → ids \"{responses[0].Id}\", \"{responses[1].Id}\"");
        Check(responses[0].Id == responses[1].Id, $"concurrent Creates of {concurrentName} returned different ids \"{responses[0].Id}\" and \"{responses[1].Id}\"");
        await context.AwaitTaskAsync(responses[0].Task, $"Create {concurrentName}", cancellationToken).ConfigureAwait(false);
        await context.AwaitTaskAsync(responses[1].Task, $"Create {concurrentName}", cancellationToken).ConfigureAwait(false);
        await CheckListedOnceAsync(context, responses[0].Id, concurrentName, cancellationToken).ConfigureAwait(false);
        return CaseVerdict.Pass();
    }

    private static async Task<CaseVerdict> ListVmsAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var a = await context.CreateVmAsync("list-a", cancellationToken).ConfigureAwait(false);
        var b = await context.CreateVmAsync("list-b", cancellationToken).ConfigureAwait(false);
        Check(a != b, $"two VMs of different names got the same id \"{a}\"");

        var listed = await ListAsync(context, cancellationToken).ConfigureAwait(false);
        var duplicates = listed.Vms.GroupBy(v => v.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Check(duplicates.Count == 0, $"ListVMs lists ids more than once: {string.Join(", ", duplicates)}");
        foreach (var (id, label) in new[] { (a, "list-a"), (b, "list-b") })
        {
            var vm = listed.Vms.SingleOrDefault(v => v.Id == id);
            Check(vm is not null, $"ListVMs does not list {id} ({context.Name(label)})");
            Check(vm!.Name == context.Name(label), $"ListVMs lists {id} with name \"{vm.Name}\", want \"{context.Name(label)}\"");
            Check(PowerStates.Contains(vm.PowerState), $"ListVMs lists {id} with power_state \"{vm.PowerState}\", not On, Off, Suspended or Unknown");
        }

        await context.DeleteVmAsync(a, cancellationToken).ConfigureAwait(false);
        var after = await ListAsync(context, cancellationToken).ConfigureAwait(false);
        Check(after.Vms.All(v => v.Id != a), $"ListVMs still lists {a} after Delete");
        Check(after.Vms.Any(v => v.Id == b), $"ListVMs no longer lists {b} after deleting another VM");
        return CaseVerdict.Pass();
    }

    private static async Task CheckListedOnceAsync(ConformanceContext context, string id, string name, CancellationToken cancellationToken)
    {
        var listed = await ListAsync(context, cancellationToken).ConfigureAwait(false);
        var byName = listed.Vms.Where(v => v.Name == name).ToList();
        Check(byName.Count == 1, $"ListVMs lists {byName.Count} VMs named {name}, want exactly 1 (ids: {string.Join(", ", byName.Select(v => v.Id))})");
        Check(byName[0].Id == id, $"ListVMs lists {name} with id \"{byName[0].Id}\", want \"{id}\"");
    }

    private static async Task<ListVMsResponse> ListAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var listed = await context.Client.ListVMsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"ListVMs → {listed.Vms.Count} VM(s)");
        return listed;
    }
}
