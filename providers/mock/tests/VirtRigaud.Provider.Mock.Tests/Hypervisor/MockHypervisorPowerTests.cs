using VirtRigaud.Grpc;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.Hypervisor;

public sealed class MockHypervisorPowerTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Power_Synchronous_ChangesStateAtOnceWithoutTask()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;

        Assert.Null(h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero));
        var on = h.Hypervisor.Describe(id)!;
        Assert.Null(h.Hypervisor.Power(id, PowerAction.Off, TimeSpan.Zero));
        var off = h.Hypervisor.Describe(id)!;

        Assert.Equal(("On", VmPowerState.On), (on.PowerState, on.DetailedPowerState));
        Assert.Equal("vnc://127.0.0.1:5900", on.ConsoleUrl);
        Assert.Single(on.IpAddresses);
        Assert.Equal(("Off", ""), (off.PowerState, off.ConsoleUrl));
        Assert.Empty(off.IpAddresses);
    }

    [Fact]
    public async Task Power_On_IsStartingUntilTheTaskIsDue()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = Step });
        var id = CreateReady(h, "vm");

        var task = h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        var starting = h.Hypervisor.Describe(id)!;
        h.Time.Advance(Step - TimeSpan.FromMilliseconds(1));
        var almost = h.Hypervisor.GetTask(task!);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        var on = h.Hypervisor.Describe(id)!;

        Assert.Equal(("Off", VmPowerState.Starting), (starting.PowerState, starting.DetailedPowerState));
        Assert.False(almost.Done);
        Assert.True(h.Hypervisor.GetTask(task!).Done);
        Assert.Equal(("On", VmPowerState.On), (on.PowerState, on.DetailedPowerState));
    }

    [Fact]
    public async Task Power_RepeatWhileTransitioning_JoinsTheRunningTask()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = Step });
        var id = CreateReady(h, "vm");

        var first = h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        var second = h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        var reboot = h.Hypervisor.Power(id, PowerAction.Reboot, TimeSpan.Zero);

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(first, reboot);
    }

    [Fact]
    public async Task Power_ReachedState_IsOkWithoutTask()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = Step });
        var id = CreateReady(h, "vm");

        Assert.Null(h.Hypervisor.Power(id, PowerAction.Off, TimeSpan.Zero));
        Assert.Null(h.Hypervisor.Power(id, PowerAction.Shutdown, TimeSpan.Zero));
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        h.Time.Advance(Step);
        Assert.Null(h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero));
    }

    [Fact]
    public async Task Power_OppositeWhileTransitioning_IsFailedPrecondition()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = Step });
        var id = CreateReady(h, "vm");
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        h.Time.Advance(Step);
        h.Hypervisor.Power(id, PowerAction.Reboot, TimeSpan.Zero);

        var message = ProviderAssert.Fails(StatusCode.FailedPrecondition, () => h.Hypervisor.Power(id, PowerAction.Shutdown, TimeSpan.Zero));

        Assert.Contains("Rebooting", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Power_Reboot_ShowsRebootingThenOnWithNewDiskGeneration()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = Step });
        var id = CreateReady(h, "vm");
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        h.Time.Advance(Step);
        var before = h.Hypervisor.GetDiskInfo(id, "", "").Metadata["generation"];

        h.Hypervisor.Power(id, PowerAction.Reboot, TimeSpan.Zero);
        var rebooting = h.Hypervisor.Describe(id)!;
        h.Time.Advance(Step);

        Assert.Equal(("On", VmPowerState.Rebooting), (rebooting.PowerState, rebooting.DetailedPowerState));
        Assert.Empty(rebooting.IpAddresses);
        Assert.Equal(VmPowerState.On, h.Hypervisor.Describe(id)!.DetailedPowerState);
        Assert.Equal("2", h.Hypervisor.GetDiskInfo(id, "", "").Metadata["generation"]);
        Assert.Equal("1", before);
    }

    [Fact]
    public async Task Power_RebootWhileOff_IsFailedPrecondition()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;

        ProviderAssert.Fails(StatusCode.FailedPrecondition, () => h.Hypervisor.Power(id, PowerAction.Reboot, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(10, 60, VmPowerState.ShuttingDown, 10, "graceful")]
    [InlineData(90, 60, VmPowerState.ShuttingDown, 60, "forced after 60s timeout")]
    [InlineData(90, 0, VmPowerState.ShuttingDown, 60, "forced after 60s timeout")]
    [InlineData(5, 2, VmPowerState.ShuttingDown, 2, "forced after 2s timeout")]
    public async Task Power_GracefulShutdown_EndsGracefullyOrAtTheTimeout(int guestSeconds, int timeoutSeconds, VmPowerState during, int offAfterSeconds, string how)
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { GuestShutdownDuration = TimeSpan.FromSeconds(guestSeconds) });
        var id = h.CreateVm("vm").VmId;
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);

        var task = h.Hypervisor.Power(id, PowerAction.Shutdown, TimeSpan.FromSeconds(timeoutSeconds));
        var shutting = h.Hypervisor.Describe(id)!;
        h.Time.Advance(TimeSpan.FromSeconds(offAfterSeconds) - TimeSpan.FromMilliseconds(1));
        var justBefore = h.Hypervisor.Describe(id)!;
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        var after = h.Hypervisor.Describe(id)!;

        Assert.NotNull(task);
        Assert.Equal(("On", during), (shutting.PowerState, shutting.DetailedPowerState));
        Assert.Equal("On", justBefore.PowerState);
        Assert.Equal("Off", after.PowerState);
        Assert.Equal(how, after.Details["lastShutdown"]);
        Assert.True(h.Hypervisor.GetTask(task!).Done);
    }

    [Fact]
    public async Task Power_ShutdownWithoutGuestTools_IsFailedPrecondition()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm", guestTools: false).VmId;
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);

        ProviderAssert.Fails(StatusCode.FailedPrecondition, () => h.Hypervisor.Power(id, PowerAction.Shutdown, TimeSpan.Zero));
        var vm = h.Hypervisor.Describe(id)!;
        Assert.Equal("On", vm.PowerState);
        Assert.Empty(vm.IpAddresses);
        Assert.Equal("toolsNotInstalled", vm.Details["toolsStatus"]);
    }

    [Fact]
    public async Task Power_HardOffDuringShutdown_PreemptsAndFailsTheShutdownTask()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { GuestShutdownDuration = TimeSpan.FromSeconds(30) });
        var id = h.CreateVm("vm").VmId;
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        var shutdown = h.Hypervisor.Power(id, PowerAction.Shutdown, TimeSpan.Zero)!;
        var console = h.Hypervisor.AttachConsole(id);

        var off = h.Hypervisor.Power(id, PowerAction.Off, TimeSpan.Zero);

        Assert.Null(off);
        Assert.Equal("Off", h.Hypervisor.Describe(id)!.PowerState);
        Assert.True(console.GuestStopped.IsCancellationRequested);
        var task = h.Hypervisor.GetTask(shutdown);
        Assert.True(task.Done);
        Assert.Equal("superseded by a power-off", task.Error);
    }

    [Fact]
    public async Task Power_OtherOperationWhileTaskRuns_IsBusy()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = Step });
        var id = CreateReady(h, "vm");
        h.Hypervisor.Reconfigure(id, new VmReconfigureSpec { Cpu = 4, MemoryMiB = 2048 });

        var message = ProviderAssert.Fails(StatusCode.FailedPrecondition, () => h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero));
        h.Time.Advance(Step);

        Assert.Contains("busy", message, StringComparison.Ordinal);
        Assert.NotNull(h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero));
    }

    [Fact]
    public async Task Power_MissingVm_IsNotFound()
    {
        await using var h = await HypervisorHarness.StartAsync();

        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.Power("vm-9", PowerAction.On, TimeSpan.Zero));
        ProviderAssert.Fails(StatusCode.InvalidArgument, () => h.Hypervisor.Power("", PowerAction.On, TimeSpan.Zero));
    }

    [Fact]
    public async Task Power_On_TakesTheLowestFreeVncDisplay()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var a = h.CreateVm("a").VmId;
        var b = h.CreateVm("b").VmId;
        var c = h.CreateVm("c").VmId;
        h.Hypervisor.Power(a, PowerAction.On, TimeSpan.Zero);
        h.Hypervisor.Power(b, PowerAction.On, TimeSpan.Zero);
        h.Hypervisor.Power(a, PowerAction.Off, TimeSpan.Zero);

        h.Hypervisor.Power(c, PowerAction.On, TimeSpan.Zero);

        Assert.Equal("vnc://127.0.0.1:5901", h.Hypervisor.Describe(b)!.ConsoleUrl);
        Assert.Equal("vnc://127.0.0.1:5900", h.Hypervisor.Describe(c)!.ConsoleUrl);
    }

    [Fact]
    public async Task AttachConsole_GuestStops_TokenIsCancelled()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { GuestShutdownDuration = Step });
        var id = h.CreateVm("vm").VmId;
        ProviderAssert.Fails(StatusCode.FailedPrecondition, () => h.Hypervisor.AttachConsole(id));
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        var console = h.Hypervisor.AttachConsole(id);

        h.Hypervisor.Power(id, PowerAction.Shutdown, TimeSpan.Zero);
        var duringShutdown = console.GuestStopped.IsCancellationRequested;
        h.Time.Advance(Step);

        Assert.Equal("vm", console.VmName);
        Assert.False(duringShutdown);
        Assert.True(console.GuestStopped.IsCancellationRequested);
    }

    [Fact]
    public async Task AttachConsole_VmDeleted_TokenIsCancelled()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        var console = h.Hypervisor.AttachConsole(id);

        h.Hypervisor.Delete(id);

        Assert.True(console.GuestStopped.IsCancellationRequested);
    }

    /// <summary>A VM whose creation task is over.</summary>
    private static string CreateReady(HypervisorHarness h, string name)
    {
        var created = h.CreateVm(name);
        h.Time.Advance(h.Options.DurationOf(MockOperations.Create));
        return created.VmId;
    }
}
