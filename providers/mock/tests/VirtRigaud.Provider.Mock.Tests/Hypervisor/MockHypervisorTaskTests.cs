using VirtRigaud.Grpc;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.Hypervisor;

public sealed class MockHypervisorTaskTests
{
    [Fact]
    public async Task GetTask_RunningTask_ReportsProgressByElapsedTime()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = TimeSpan.FromSeconds(10) });
        var task = h.CreateVm("vm").TaskId!;

        h.Time.Advance(TimeSpan.FromSeconds(4));
        var running = h.Hypervisor.GetTask(task);
        h.Time.Advance(TimeSpan.FromSeconds(6));
        var done = h.Hypervisor.GetTask(task);

        Assert.Equal((false, 40.0, "", "creating"), (running.Done, running.Percentage, running.Error, running.Phase));
        Assert.Equal((true, 100.0, "", "completed"), (done.Done, done.Percentage, done.Error, done.Message));
    }

    [Fact]
    public async Task GetTask_Unknown_IsNotFoundAndEmptyIsInvalid()
    {
        await using var h = await HypervisorHarness.StartAsync();

        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.GetTask("task-999"));
        ProviderAssert.Fails(StatusCode.InvalidArgument, () => h.Hypervisor.GetTask(""));
    }

    [Fact]
    public async Task GetTask_PastRetention_IsForgotten()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = TimeSpan.FromSeconds(1), TaskRetention = TimeSpan.FromMinutes(5) });
        var old = h.CreateVm("a").TaskId!;
        h.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2));

        var fresh = h.CreateVm("b").TaskId!;

        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.GetTask(old));
        Assert.False(h.Hypervisor.GetTask(fresh).Done);
    }

    [Fact]
    public async Task GetTask_BeyondTheBound_DropsTheOldestFinished()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = TimeSpan.FromSeconds(1), MaxRetainedTasks = 2 });
        var first = h.CreateVm("a").TaskId!;
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var second = h.CreateVm("b").TaskId!;
        h.Time.Advance(TimeSpan.FromSeconds(1));

        var third = h.CreateVm("c").TaskId!;

        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.GetTask(first));
        Assert.True(h.Hypervisor.GetTask(second).Done);
        Assert.False(h.Hypervisor.GetTask(third).Done);
    }

    [Fact]
    public async Task WatchTaskAsync_RunningTask_YieldsEveryIntervalThenDone()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = TimeSpan.FromSeconds(2.5), WatchProgressInterval = TimeSpan.FromSeconds(1) });
        var task = h.CreateVm("vm").TaskId!;
        await using var watch = h.Hypervisor.WatchTaskAsync(task, CancellationToken.None).GetAsyncEnumerator();
        var seen = new List<TaskProgressSnapshot>();

        Assert.True(await Wait.ForAsync(watch.MoveNextAsync(), "the first progress"));
        seen.Add(watch.Current);
        for (var i = 0; i < 3; i++)
        {
            var next = watch.MoveNextAsync();
            await Wait.UntilAsync(() => h.Time.PendingTimers > 0 || next.IsCompleted, "the watch to wait");
            h.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await Wait.ForAsync(next, "the next progress"));
            seen.Add(watch.Current);
        }

        Assert.False(await Wait.ForAsync(watch.MoveNextAsync(), "the end of the watch"));
        Assert.Equal([0.0, 40.0, 80.0, 100.0], seen.Select(p => p.Percentage));
        Assert.Equal([false, false, false, true], seen.Select(p => p.Done));
    }

    [Fact]
    public async Task WatchTaskAsync_FinishedTask_YieldsOnceDone()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = TimeSpan.FromSeconds(1) });
        var task = h.CreateVm("vm").TaskId!;
        h.Time.Advance(TimeSpan.FromSeconds(1));

        var all = new List<TaskProgressSnapshot>();
        await foreach (var progress in h.Hypervisor.WatchTaskAsync(task, CancellationToken.None))
        {
            all.Add(progress);
        }

        Assert.True(Assert.Single(all).Done);
    }

    [Fact]
    public async Task InjectedTaskFailure_TaskFailsAndEffectIsNotApplied()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;
        h.Faults.Configure(new MockFaultConfiguration { Tasks = new Dictionary<string, TaskFaultRule> { ["Power"] = new() { FailTimes = 1, Message = "host lost power" } } });

        var failed = h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        var afterFailure = h.Hypervisor.Describe(id)!.PowerState;
        var retried = h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);

        Assert.NotNull(failed);
        var status = h.Hypervisor.GetTask(failed!);
        Assert.Equal((true, "host lost power"), (status.Done, status.Error));
        Assert.Equal("Off", afterFailure);
        Assert.Null(retried);
        Assert.Equal("On", h.Hypervisor.Describe(id)!.PowerState);
    }

    [Fact]
    public async Task InjectedCreateFailure_VmNeverAppears()
    {
        await using var h = await HypervisorHarness.StartAsync();
        h.Faults.Configure(new MockFaultConfiguration { Tasks = new Dictionary<string, TaskFaultRule> { ["*"] = new() { FailAlways = true } } });

        var created = h.CreateVm("doomed");

        Assert.Equal("injected task failure", h.Hypervisor.GetTask(created.TaskId!).Error);
        Assert.Null(h.Hypervisor.Describe(created.VmId));
        Assert.Empty(h.Hypervisor.ListVms());
    }
}
