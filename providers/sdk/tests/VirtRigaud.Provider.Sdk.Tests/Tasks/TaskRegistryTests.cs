using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Tasks;
using VirtRigaud.Provider.Sdk.Tests.Testing;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Tests.Tasks;

public sealed class TaskRegistryTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly TaskRegistry _registry;

    public TaskRegistryTests()
    {
        _registry = new TaskRegistry(new TaskRegistryOptions { Retention = TimeSpan.FromMinutes(10), MaxFinishedTasks = 3 }, _time, NullLogger<TaskRegistry>.Instance);
    }

    public ValueTask DisposeAsync() => _registry.DisposeAsync();

    [Fact]
    public async Task Start_WorkRunning_NotDoneThenDoneWithoutError()
    {
        var gate = new TaskCompletionSource();
        var task = _registry.Start("Create", (_, ct) => gate.Task.WaitAsync(ct));

        Assert.Matches("^task-[0-9a-f]{32}$", task.Id);
        Assert.Equal(new TaskStatusResponse { Done = false }, Status(task));
        Assert.Equal(1, _registry.RunningCount);

        gate.SetResult();
        var last = await LastAsync(task);

        Assert.True(last.Done);
        Assert.Equal("", last.Error);
        Assert.Equal(100, last.Percentage);
        Assert.Equal(new TaskStatusResponse { Done = true }, Status(task));
        Assert.Equal(0, _registry.RunningCount);
    }

    [Fact]
    public async Task Start_WorkThrowsProviderException_DoneWithItsMessage()
    {
        var task = _registry.Start("ImportDisk", (_, _) => throw ProviderErrors.FailedPrecondition("checksum mismatch: expected ab, got cd"));

        var last = await LastAsync(task);

        Assert.True(last.Done);
        Assert.Equal("checksum mismatch: expected ab, got cd", last.Error);
        Assert.Equal(new TaskStatusResponse { Done = true, Error = "checksum mismatch: expected ab, got cd" }, Status(task));
    }

    [Fact]
    public async Task Start_WorkCrashes_GenericErrorWithReference()
    {
        var task = _registry.Start("Clone", (_, _) => throw new InvalidOperationException("secret internals"));

        var last = await LastAsync(task);

        Assert.Matches("^internal provider error \\(reference [0-9a-f]{12}\\)", last.Error);
        Assert.DoesNotContain("secret", last.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Bytes_PercentageFollowsAndWatchersSeeTheLatest()
    {
        var reported = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var task = _registry.Start("ExportDisk", async (progress, ct) =>
        {
            progress.ReportBytes(250, 1000, "copying disk 1", "uploading");
            reported.SetResult();
            await finish.Task.WaitAsync(ct);
            progress.ReportBytes(1000, message: "copied");
        });
        await reported.Task.WaitAsync(Wait.Long);

        Assert.True(_registry.TryGetProgress(task.Id, out var progress));
        Assert.Equal(new TaskProgress { Task = task, BytesDone = 250, BytesTotal = 1000, Percentage = 25, Message = "copying disk 1", Phase = "uploading" }, progress);

        await using var watch = _registry.WatchAsync(task.Id, Wait.Token()).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(250, watch.Current.BytesDone);
        finish.SetResult();
        var last = watch.Current;
        while (await watch.MoveNextAsync())
        {
            last = watch.Current;
        }

        Assert.Equal(new TaskProgress { Task = task, Done = true, BytesDone = 1000, BytesTotal = 1000, Percentage = 100, Message = "copied", Phase = "uploading" }, last);
    }

    [Fact]
    public async Task WatchAsync_FinishedTask_OneDoneSnapshot()
    {
        var task = _registry.Start("Power", (_, _) => Task.CompletedTask);
        await LastAsync(task);

        var all = new List<TaskProgress>();
        await foreach (var p in _registry.WatchAsync(task.Id, Wait.Token()))
        {
            all.Add(p);
        }

        Assert.True(Assert.Single(all).Done);
    }

    [Theory]
    [InlineData("", StatusCode.InvalidArgument)]
    [InlineData("task-unknown", StatusCode.NotFound)]
    public void GetStatus_BadId_Refused(string id, StatusCode code)
    {
        var e = Assert.Throws<ProviderException>(() => _registry.GetStatus(new TaskStatusRequest { Task = new TaskRef { Id = id } }));

        Assert.Equal(code, e.Code);
    }

    [Fact]
    public void GetStatus_NoTaskRef_InvalidArgument() =>
        Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<ProviderException>(() => _registry.GetStatus(new TaskStatusRequest())).Code);

    [Fact]
    public async Task GetStatus_AfterRetention_NotFound()
    {
        var task = _registry.Start("Delete", (_, _) => Task.CompletedTask);
        await LastAsync(task);

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(Status(task).Done);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(StatusCode.NotFound, Assert.Throws<ProviderException>(() => Status(task)).Code);
    }

    [Fact]
    public async Task Start_BeyondMaxFinished_OldestFinishedForgottenRunningKept()
    {
        var gate = new TaskCompletionSource();
        var running = _registry.Start("Long", (_, ct) => gate.Task.WaitAsync(ct));
        var finished = new List<TaskRef>();
        for (var i = 0; i < 4; i++)
        {
            var task = _registry.Start("Short", (_, _) => Task.CompletedTask);
            await LastAsync(task);
            finished.Add(task);
        }

        Assert.Equal(StatusCode.NotFound, Assert.Throws<ProviderException>(() => Status(finished[0])).Code);
        Assert.All(finished.Skip(1), t => Assert.True(Status(t).Done));
        Assert.False(Status(running).Done);
        gate.SetResult();
    }

    [Fact]
    public async Task DrainAsync_WaitsForRunningAndRefusesNewTasks()
    {
        var gate = new TaskCompletionSource();
        var task = _registry.Start("Export", (_, ct) => gate.Task.WaitAsync(ct));

        var drain = _registry.DrainAsync(Wait.Token());
        Assert.False(drain.IsCompleted);
        Assert.Equal(StatusCode.Unavailable, Assert.Throws<ProviderException>(() => _registry.Start("Late", (_, _) => Task.CompletedTask)).Code);

        gate.SetResult();
        Assert.Equal(0, await drain.WaitAsync(Wait.Long));
        Assert.True(Status(task).Done);
    }

    [Fact]
    public async Task DrainAsync_GraceOver_ReturnsRunningCountThenDisposeCancels()
    {
        var task = _registry.Start("Stuck", (_, ct) => Task.Delay(Timeout.Infinite, ct));

        using var grace = new CancellationTokenSource();
        await grace.CancelAsync();
        Assert.Equal(1, await _registry.DrainAsync(grace.Token));

        await _registry.DisposeAsync();
        Assert.Equal(new TaskStatusResponse { Done = true, Error = "cancelled: the provider is shutting down" }, Status(task));
    }

    [Fact]
    public void Report_InvalidValues_Refused()
    {
        TaskProgressReporter? captured = null;
        var started = new ManualResetEventSlim();
        _registry.Start("x", (progress, _) =>
        {
            captured = progress;
            started.Set();
            return Task.CompletedTask;
        });
        Assert.True(started.Wait(Wait.Long));

        Assert.Throws<ArgumentOutOfRangeException>(() => captured!.ReportPercentage(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => captured!.ReportPercentage(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => captured!.ReportBytes(-1));
    }

    private TaskStatusResponse Status(TaskRef task) => _registry.GetStatus(new TaskStatusRequest { Task = task });

    private async Task<TaskProgress> LastAsync(TaskRef task)
    {
        TaskProgress? last = null;
        await foreach (var progress in _registry.WatchAsync(task.Id, Wait.Token()))
        {
            last = progress;
        }

        return last!;
    }
}
