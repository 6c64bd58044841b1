using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>power-cycle and graceful-shutdown: the power state machine as Describe reports it.</summary>
internal static class PowerCases
{
    public const string On = "On";
    public const string Off = "Off";

    public static readonly ConformanceCase PowerCycle = new(
        ConformanceCaseNames.PowerCycle,
        "Power ON, ON again (idempotent), REBOOT, OFF, OFF again, ON: every task completes and Describe reports On/Off accordingly.",
        PowerCycleAsync);

    public static readonly ConformanceCase GracefulShutdown = new(
        ConformanceCaseNames.GracefulShutdown,
        "POWER_OP_SHUTDOWN_GRACEFUL with upstream's 60 s timeout brings a running VM to Off; repeating it on a stopped VM is OK.",
        GracefulShutdownAsync);

    private static async Task<CaseVerdict> PowerCycleAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var id = await context.CreateVmAsync("power", cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.On, On, cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.On, On, cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.Reboot, On, cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.Off, Off, cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.Off, Off, cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.On, On, cancellationToken).ConfigureAwait(false);
        return CaseVerdict.Pass();
    }

    private static async Task<CaseVerdict> GracefulShutdownAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var id = await context.CreateVmAsync("graceful", cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.On, On, cancellationToken).ConfigureAwait(false);
        try
        {
            await context.PowerAsync(id, PowerOp.ShutdownGraceful, Off, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            // The contract allows this answer only for a guest that cannot take part; the inputs are meant to name an
            // image whose guest can, so it is a failure here, explained.
            throw new ConformanceCaseFailedException(
                $"graceful shutdown of {id} answered FAILED_PRECONDITION ({Quote(e.Status.Detail)}); the inputs' image must boot a guest that honours an ACPI/tools shutdown");
        }

        await context.PowerAsync(id, PowerOp.ShutdownGraceful, Off, cancellationToken).ConfigureAwait(false);
        return CaseVerdict.Pass();
    }
}
