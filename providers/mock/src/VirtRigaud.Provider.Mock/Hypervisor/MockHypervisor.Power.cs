using System.Globalization;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Mock.Hypervisor;

public sealed partial class MockHypervisor
{
    /// <summary>
    /// Changes a VM's power state (table on <see cref="VmPowerState"/>). Idempotent by (id, action): reaching a state the
    /// VM is in or heading to is OK and joins the running transition's task. A hard <see cref="PowerAction.Off"/>
    /// pre-empts any transition (its task then ends with an error); other actions against a running transition or task
    /// are FAILED_PRECONDITION. Returns the task id, or <c>null</c> when done. Mutates the VM.
    /// </summary>
    /// <param name="vmId">The VM.</param>
    /// <param name="action">What to do.</param>
    /// <param name="gracefulTimeout">Bound of <see cref="PowerAction.Shutdown"/>; zero or less ⇒ 60 s (upstream's value).</param>
    public string? Power(string vmId, PowerAction action, TimeSpan gracefulTimeout)
    {
        lock (_gate)
        {
            EnsureStarted();
            var now = _time.GetUtcNow();
            var vm = RequireVm(vmId);
            var heading = action is PowerAction.On or PowerAction.Reboot ? VmPowerState.On : VmPowerState.Off;
            if (vm.Transition is { } transition && now < transition.Until)
            {
                var transitionTarget = transition.Kind is VmPowerState.Starting or VmPowerState.Rebooting ? VmPowerState.On : VmPowerState.Off;
                if (transitionTarget == heading && (action != PowerAction.Off || transition.Kind == VmPowerState.Stopping))
                {
                    return transition.TaskId;
                }

                if (action != PowerAction.Off)
                {
                    throw ProviderErrors.FailedPrecondition(
                        $"vm \"{vm.Id}\" is {transition.Kind}: {action} must wait until {transition.Until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}");
                }

                Preempt(vm, transition, now);
            }
            else if (action != PowerAction.Off)
            {
                EnsureIdle(vm, now);
            }

            string? taskId;
            switch (action)
            {
                case PowerAction.On:
                    if (vm.Power == VmPowerState.On)
                    {
                        return null;
                    }

                    taskId = ChangePower(vm, now, VmPowerState.Starting, _options.DurationOf(MockOperations.Power), "powering-on", StartGuest);
                    break;
                case PowerAction.Off:
                    if (vm.Power == VmPowerState.Off && DetailedState(vm, now) == VmPowerState.Off)
                    {
                        // Already off, or just made so by pre-empting a shutdown (saved below).
                        taskId = null;
                        break;
                    }

                    taskId = ChangePower(vm, now, VmPowerState.Stopping, _options.DurationOf(MockOperations.Power), "powering-off", (v, _, delay) => StopGuest(v, delay));
                    break;
                case PowerAction.Reboot:
                    if (vm.Power == VmPowerState.Off)
                    {
                        throw ProviderErrors.FailedPrecondition($"vm \"{vm.Id}\" is powered off: it cannot reboot");
                    }

                    taskId = ChangePower(vm, now, VmPowerState.Rebooting, _options.DurationOf(MockOperations.Power), "rebooting", (v, _, _) => BumpGeneration(v));
                    break;
                case PowerAction.Shutdown:
                    if (vm.Power == VmPowerState.Off)
                    {
                        return null;
                    }

                    if (!vm.GuestTools)
                    {
                        throw ProviderErrors.FailedPrecondition($"vm \"{vm.Id}\" has no guest tools: graceful shutdown is not possible, power it off");
                    }

                    var timeout = gracefulTimeout > TimeSpan.Zero ? gracefulTimeout : MockHypervisorOptions.UpstreamGracefulShutdownTimeout;
                    var forced = _options.GuestShutdownDuration > timeout;
                    var duration = forced ? timeout : _options.GuestShutdownDuration;
                    taskId = ChangePower(vm, now, VmPowerState.ShuttingDown, duration, "shutting-down", (v, _, delay) =>
                    {
                        StopGuest(v, delay);
                        v.LastShutdown = forced
                            ? string.Create(CultureInfo.InvariantCulture, $"forced after {timeout.TotalSeconds:0.###}s timeout")
                            : "graceful";
                    });
                    break;
                default:
                    throw ProviderErrors.InvalidArgument($"unknown power action {action}");
            }

            Persist();
            return taskId;
        }
    }

    /// <summary>
    /// Applies a power change (unless a task failure is injected) and starts its task; with a positive duration the
    /// transition <paramref name="shown"/> is displayed until the task is due. Under the lock.
    /// </summary>
    private string? ChangePower(MockVm vm, DateTimeOffset now, VmPowerState shown, TimeSpan duration, string phase, Action<MockVm, DateTimeOffset, TimeSpan> effect)
    {
        var failure = _faults.DecideTask(MockOperations.Power);
        if (failure is null)
        {
            effect(vm, now, duration);
        }

        var taskId = StartTaskWithDuration(MockOperations.Power, vm, vm.Id, now, duration, failure, phase);
        vm.Transition = failure is null && duration > TimeSpan.Zero
            ? new PowerTransition { Kind = shown, Until = now + duration, TaskId = taskId }
            : null;
        return taskId;
    }

    /// <summary>Ends a transition early because a hard power-off overrides it: its task fails now. Under the lock.</summary>
    private void Preempt(MockVm vm, PowerTransition transition, DateTimeOffset now)
    {
        if (transition.TaskId is { } taskId && _tasks.TryGetValue(taskId, out var task))
        {
            _tasks[taskId] = new MockTask
            {
                Id = task.Id,
                Operation = task.Operation,
                VmId = task.VmId,
                StartedAt = task.StartedAt,
                DueAt = now,
                Error = "superseded by a power-off",
                BytesTotal = task.BytesTotal,
                Message = task.Message,
                Phase = task.Phase,
            };
        }

        vm.Transition = null;
        vm.ActiveTaskId = null;
        if (vm.Power == VmPowerState.Off)
        {
            // A shutdown in progress: the guest is gone now, not at the end of the transition.
            vm.RunCancellation?.Cancel();
            vm.RunCancellation = null;
        }
    }

    /// <summary>Boots the guest: on, a new disk generation (a boot writes), a VNC display, a run token. Under the lock.</summary>
    private void StartGuest(MockVm vm, DateTimeOffset now, TimeSpan delay)
    {
        vm.Power = VmPowerState.On;
        BumpGeneration(vm);
        vm.VncDisplay = AllocateDisplay(vm, now);
        vm.RunCancellation = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
    }

    /// <summary>Stops the guest; its run token (console sessions) is cancelled when the stop completes. Under the lock.</summary>
    private static void StopGuest(MockVm vm, TimeSpan delay)
    {
        vm.Power = VmPowerState.Off;
        if (vm.RunCancellation is not { } run)
        {
            return;
        }

        if (delay > TimeSpan.Zero)
        {
            // Kept on the VM until then, so that a pre-empting hard power-off can cancel it at once.
            run.CancelAfter(delay);
        }
        else
        {
            run.Cancel();
            vm.RunCancellation = null;
        }
    }

    private static void BumpGeneration(MockVm vm)
    {
        foreach (var disk in vm.Disks)
        {
            disk.Generation++;
        }
    }
}
