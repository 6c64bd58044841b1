using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// When a VirtualMachine comes back to its queue:
/// <code>
/// state                                        next reconcile
/// task in flight, followed by WatchTask         TaskWatchResyncInterval (the stream's end wakes the VM at once)
/// task in flight, polled                       TaskPollInterval
/// graceful shutdown running                    TaskPollInterval, or the time left before the hard power-off
/// Secret missing, Provider not connected       DependencyRetryInterval (Provider/VMClass/VMImage/… are watched)
/// provider error (n-th in a row)               FailureBackoff × 2^(n−1), at most MaxFailureBackoff
/// operation failed MaxOperationAttempts times  none: on a spec change (or a new reboot request)
/// delete refused (n-th in a row)               DeleteRetryInterval × 2^(n−1), at most MaxFailureBackoff
/// powered on, no IP yet (n-th look)            IpPollInterval × 2^(n−1) until it reaches MaxIpPollInterval once,
///                                              then none (a guest without tools never reports IPs)
/// ready (IPs known, or powered off)            none: on change or the manager's resync
/// </code>
/// Pure and thread-safe.
/// </summary>
public sealed class VirtualMachineRequeuePolicy(VirtualMachineReconcilerOptions options)
{
    /// <summary>The options.</summary>
    public VirtualMachineReconcilerOptions Options { get; } = options;

    /// <summary>The delay after the <paramref name="consecutiveFailures"/>-th provider error in a row (1 = first).</summary>
    public TimeSpan AfterFailure(int consecutiveFailures) => Exponential(Options.FailureBackoff, Options.MaxFailureBackoff, consecutiveFailures);

    /// <summary>The delay after the <paramref name="consecutiveFailures"/>-th refused delete in a row (1 = first).</summary>
    public TimeSpan AfterDeleteFailure(int consecutiveFailures) => Exponential(Options.DeleteRetryInterval, Options.MaxFailureBackoff, consecutiveFailures);

    /// <summary>
    /// The delay for a VM that reached its desired state: null (no polling) unless it is powered on without IPs,
    /// then an exponentially growing look-again delay (<paramref name="ipLooks"/> = 1 for the first) until it reaches
    /// <see cref="VirtualMachineReconcilerOptions.MaxIpPollInterval"/> once; after that only a change or the
    /// manager's resync looks again (a guest without tools never reports IPs: it is not polled forever).
    /// </summary>
    public TimeSpan? WhenReady(PowerState? observed, bool hasIps, int ipLooks)
    {
        if (observed != PowerState.On || hasIps)
        {
            return null;
        }

        var delay = Exponential(Options.IpPollInterval, Options.MaxIpPollInterval, ipLooks);
        return delay < Options.MaxIpPollInterval || Exponential(Options.IpPollInterval, Options.MaxIpPollInterval, ipLooks - 1) < Options.MaxIpPollInterval || ipLooks <= 1
            ? delay
            : null;
    }

    private static TimeSpan Exponential(TimeSpan first, TimeSpan max, int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = first.Ticks * Math.Pow(2, exponent);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
