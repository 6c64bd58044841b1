using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.VirtualMachines;

public sealed partial class VirtualMachineReconciler
{
    /// <summary>Conditions' transition times are kept to the second.</summary>
    private static readonly TimeSpan ConditionTimePrecision = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Copies Describe into status (power, IPs, console URL, the provider's raw details), records the IP discovery
    /// metric on the first IPs, and returns the observed power state.
    /// </summary>
    private PowerState? ApplyDescribe(Draft draft, Dependencies dependencies, DescribeResponse described)
    {
        var observed = VirtualMachinePhases.ParsePowerState(described.PowerState);
        var hadIps = draft.Status.Ips is { Count: > 0 };
        var details = ProviderDetails(described.ProviderRawJson);
        draft.Status = draft.Status with
        {
            PowerState = observed,
            Ips = described.Ips.Count > 0 ? [.. described.Ips] : null,
            ConsoleURL = string.IsNullOrEmpty(described.ConsoleUrl) ? null : described.ConsoleUrl,
            Provider = details,
        };
        if (!hadIps && described.Ips.Count > 0 && draft.Vm.Metadata.Uid is { } uid && draft.Vm.Metadata.CreationTimestamp is { } created)
        {
            _vmMetrics.IpsDiscovered(uid, dependencies.ProviderType, draft.Now - created);
        }

        if (draft.HardwareChanged && HardwareFromDetails(details) is { } hardware)
        {
            // A revert restored the snapshot's CPU and memory: compare the spec against those from now on.
            draft.Status = draft.Status with { CurrentResources = hardware };
        }

        return observed;
    }

    /// <summary>
    /// <c>provider_raw_json</c> as upstream flattens it into <c>status.provider</c>: a JSON object whose values are
    /// stringified (strings as is, other values as JSON text); not an object ⇒ <c>{"parseError": …}</c>.
    /// </summary>
    internal static IReadOnlyDictionary<string, string>? ProviderDetails(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(raw) is not JsonObject obj)
            {
                return new Dictionary<string, string> { ["parseError"] = "provider_raw_json is not a JSON object" };
            }

            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in obj)
            {
                result[name] = value switch
                {
                    null => "<nil>",
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    _ => value.ToJsonString(),
                };
            }

            return result;
        }
        catch (JsonException e)
        {
            return new Dictionary<string, string> { ["parseError"] = e.Message };
        }
    }

    /// <summary>
    /// CPU and memory as a provider's Describe details name them (mock/libvirt <c>cpu</c>/<c>memoryMiB</c>, vSphere
    /// <c>cpu_count</c>/<c>memory_mb</c>); null when they do not.
    /// </summary>
    internal static VirtualMachineResources? HardwareFromDetails(IReadOnlyDictionary<string, string>? details)
    {
        static string? First(IReadOnlyDictionary<string, string> map, params string[] keys) =>
            keys.Select(k => map.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrEmpty(v));

        if (details is null
            || !int.TryParse(First(details, "cpu", "cpu_count", "cpus"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var cpu)
            || !long.TryParse(First(details, "memoryMiB", "memory_mb", "memory_mib"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var memory))
        {
            return null;
        }

        return new VirtualMachineResources { Cpu = cpu, MemoryMiB = memory };
    }

    /// <summary>
    /// A reboot requested through the <c>power</c> subresource (annotation <c>virtrigaud.io/reboot-requested-at</c>),
    /// carried out once per new value: the value is remembered in <c>virtrigaud.io/reboot-handled-at</c> when the
    /// reboot finished (or was skipped, or given up), so a crash while it runs repeats it rather than loses it.
    /// A request made while a reboot runs is satisfied by it. A powered-off VM is not rebooted (RebootSkipped).
    /// </summary>
    private async Task<ReconcileResult?> ReconcileRebootAsync(ObjectKey key, Draft draft, ProviderConnection connection, PowerState? observed, CancellationToken cancellationToken)
    {
        var requested = draft.Vm.Metadata.Annotation(VirtualMachineConventions.RebootRequestedAtAnnotation);
        if (string.IsNullOrEmpty(requested) || requested == draft.Vm.Metadata.Annotation(VirtualMachineConventions.RebootHandledAtAnnotation))
        {
            return null;
        }

        if (GivenUp(key, draft, VmOperation.Reboot))
        {
            await MarkHandledAsync(draft, VirtualMachineConventions.RebootHandledAtAnnotation, requested, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (observed != PowerState.On)
        {
            var skipped = $"reboot requested at {requested} skipped: the VM is powered off";
            draft.Set(VirtualMachineConventions.ConditionRebooted, ConditionStatus.False, VirtualMachineConventions.ReasonRebootSkipped, skipped);
            _events.Event(draft.Vm, EventTypes.Normal, VirtualMachineConventions.ReasonRebootSkipped, skipped);
            await MarkHandledAsync(draft, VirtualMachineConventions.RebootHandledAtAnnotation, requested, cancellationToken).ConfigureAwait(false);
            return null;
        }

        draft.Operation = VmOperation.Reboot;
        var response = await connection.PowerAsync(new PowerRequest { Id = draft.Status.Id, Op = PowerOp.Reboot }, cancellationToken).ConfigureAwait(false);
        VirtualMachineLog.Operation(_logger, key.ToString(), "reboot", "requested at " + requested);
        if (response.Task is { Id.Length: > 0 } task)
        {
            var message = $"rebooting (requested at {requested})";
            draft.Set(VirtualMachineConventions.ConditionReconfiguring, ConditionStatus.True, VirtualMachineConventions.ReasonRebooting, message);
            draft.Set(VirtualMachineConventions.ConditionRebooted, ConditionStatus.False, VirtualMachineConventions.ReasonRebooting, message);
            draft.Status = draft.Status with { LastTaskRef = task.Id, Phase = VirtualMachinePhase.Reconfiguring };
            _events.Event(draft.Vm, EventTypes.Normal, VirtualMachineConventions.ReasonRebooting, message);
            return WaitForTask(key, connection, task.Id);
        }

        _budget.Succeeded(key.ToString(), nameof(VmOperation.Reboot));
        await RebootCompletedAsync(draft, cancellationToken).ConfigureAwait(false);

        // Describe again: the guest has just restarted (IPs and console may change).
        return ReconcileResult.After(Options.TaskPollInterval);
    }

    private async Task RebootCompletedAsync(Draft draft, CancellationToken cancellationToken)
    {
        var requested = draft.Vm.Metadata.Annotation(VirtualMachineConventions.RebootRequestedAtAnnotation) ?? "";
        var message = $"rebooted (requested at {requested})";
        draft.Set(VirtualMachineConventions.ConditionRebooted, ConditionStatus.True, VirtualMachineConventions.ReasonRebootCompleted, message);
        if (Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionReconfiguring) is { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonRebooting })
        {
            draft.Set(VirtualMachineConventions.ConditionReconfiguring, ConditionStatus.False, VirtualMachineConventions.ReasonReconcileSuccess, message);
        }

        _events.Event(draft.Vm, EventTypes.Normal, "Rebooted", message);
        if (requested.Length > 0)
        {
            await MarkHandledAsync(draft, VirtualMachineConventions.RebootHandledAtAnnotation, requested, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Power: the desired state (spec.powerState, On by default; a graceful shutdown while a restart is required)
    /// against the observed one. OffGraceful asks the guest to shut down (graceful_timeout_seconds =
    /// <c>spec.lifecycle.gracefulShutdownTimeout</c>, default 60 s) and powers off hard when it is still on after
    /// that; a guest that cannot shut down gracefully (no guest tools) is also powered off after the timeout.
    /// </summary>
    private async Task<ReconcileResult?> ReconcilePowerAsync(ObjectKey key, Draft draft, ProviderConnection connection, PowerState? observed, CancellationToken cancellationToken)
    {
        var wanted = VirtualMachinePhases.Desired(draft.Vm);
        var restart = Conditions.IsTrue(draft.Status.Conditions, VirtualMachineConventions.ConditionRestartRequired);
        var desired = restart && wanted == PowerState.On ? PowerState.OffGraceful : wanted;
        if (VirtualMachinePhases.Satisfies(observed, desired))
        {
            return null;
        }

        if (observed is null)
        {
            // Neither On nor Off (Unknown, or a state we do not know): acting could power off a running guest hard.
            var unknown = "the provider reports no known power state for the VM; waiting for On or Off";
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonProviderError, unknown);
            draft.Status = draft.Status with { Phase = draft.Status.Phase ?? VirtualMachinePhase.Provisioning, Message = unknown };
            return ReconcileResult.After(_requeue.AfterFailure(_failures.AddOrUpdate(key, 1, (_, n) => n + 1)));
        }

        var graceful = desired == PowerState.OffGraceful && observed == PowerState.On;
        var operation = graceful ? VmOperation.Shutdown : VmOperation.Power;
        if (GivenUp(key, draft, operation))
        {
            return null;
        }

        var op = desired == PowerState.On ? PowerOp.On : graceful ? PowerOp.ShutdownGraceful : PowerOp.Off;
        var timeout = GracefulTimeout(draft.Vm);
        if (graceful && Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionReconfiguring) is { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonShuttingDown })
        {
            var remaining = ShutdownRemaining(draft);
            if (remaining > TimeSpan.Zero)
            {
                draft.Status = draft.Status with { Phase = VirtualMachinePhase.Reconfiguring };
                return ReconcileResult.After(remaining < Options.TaskPollInterval ? remaining : Options.TaskPollInterval);
            }

            // The guest did not shut down in time: power off hard (this supersedes the shutdown's task).
            op = PowerOp.Off;
            operation = VmOperation.Power;
            var text = $"the guest did not shut down within {Seconds(timeout)}; powering off";
            _events.Event(draft.Vm, EventTypes.Warning, "GracefulShutdownTimeout", text);
            VirtualMachineLog.Operation(_logger, key.ToString(), "power", text);
        }

        draft.Operation = operation;
        TaskResponse response;
        try
        {
            response = await connection.PowerAsync(new PowerRequest
            {
                Id = draft.Status.Id,
                Op = op,
                GracefulTimeoutSeconds = op == PowerOp.ShutdownGraceful ? (int)Math.Min(timeout.TotalSeconds, int.MaxValue) : 0,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (op == PowerOp.ShutdownGraceful && e.StatusCode == StatusCode.FailedPrecondition)
        {
            // The guest cannot shut down gracefully (e.g. no guest tools). OffGraceful allows a hard power-off after the
            // timeout, so wait it out as if the guest ignored the request, then power off.
            var text = $"the guest cannot shut down gracefully ({e.Status.Detail}); powering off after {Seconds(timeout)}";
            draft.Status = draft.Status with { Conditions = Conditions.Remove(draft.Status.Conditions, VirtualMachineConventions.ConditionReconfiguring) };
            draft.Set(VirtualMachineConventions.ConditionReconfiguring, ConditionStatus.True, VirtualMachineConventions.ReasonShuttingDown, text);
            draft.Status = draft.Status with { Phase = VirtualMachinePhase.Reconfiguring };
            _events.Event(draft.Vm, EventTypes.Warning, "GracefulShutdownUnavailable", text);
            return ReconcileResult.After(timeout < Options.TaskPollInterval ? timeout : Options.TaskPollInterval);
        }

        var verb = op switch
        {
            PowerOp.On => "powering on",
            PowerOp.Off => "powering off",
            _ => $"shutting down the guest (hard power-off after {Seconds(timeout)})",
        };
        if (restart)
        {
            verb += " to apply a change that needs a restart";
        }

        if (op == PowerOp.ShutdownGraceful)
        {
            // A fresh condition, so its transition time marks the start of the shutdown (and survives a restart).
            draft.Status = draft.Status with { Conditions = Conditions.Remove(draft.Status.Conditions, VirtualMachineConventions.ConditionReconfiguring) };
        }

        draft.Set(VirtualMachineConventions.ConditionReconfiguring, ConditionStatus.True, op == PowerOp.ShutdownGraceful ? VirtualMachineConventions.ReasonShuttingDown : VirtualMachineConventions.ReasonUpdating, verb);
        draft.Status = draft.Status with
        {
            Phase = VirtualMachinePhase.Reconfiguring,
            LastTaskRef = response.Task is { Id.Length: > 0 } task ? task.Id : null,
        };
        _events.Event(draft.Vm, EventTypes.Normal, op switch { PowerOp.On => "PowerOn", PowerOp.Off => "PowerOff", _ => "ShutdownGraceful" }, verb);
        if (draft.Status.LastTaskRef is { } started)
        {
            var wait = WaitForTask(key, connection, started);
            return op == PowerOp.ShutdownGraceful && wait.RequeueAfter > timeout ? ReconcileResult.After(timeout) : wait;
        }

        return ReconcileResult.After(op == PowerOp.ShutdownGraceful && timeout < Options.TaskPollInterval ? timeout : Options.TaskPollInterval);
    }

    private TimeSpan GracefulTimeout(VirtualMachine vm) =>
        vm.Spec.Lifecycle?.GracefulShutdownTimeout?.Value is { } value && value > TimeSpan.Zero ? value : Options.DefaultGracefulShutdownTimeout;

    /// <summary>
    /// Time left before a running graceful shutdown ends in a hard power-off. The shutdown started at its condition's
    /// transition time, which is kept to the second (truncated): one second is added so the guest never gets less
    /// than the timeout.
    /// </summary>
    private TimeSpan ShutdownRemaining(Draft draft) =>
        Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionReconfiguring) is { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonShuttingDown } shutting
            ? GracefulTimeout(draft.Vm) + ConditionTimePrecision - (draft.Now - shutting.LastTransitionTime)
            : TimeSpan.Zero;

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
