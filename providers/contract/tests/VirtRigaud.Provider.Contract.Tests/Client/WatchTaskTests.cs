using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Tests.Testing;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Contract.Tests.Client;

public sealed class WatchTaskTests
{
    [Fact]
    public async Task WatchTask_ProviderStreams_YieldsEveryProgressUntilDone()
    {
        await using var server = await ProviderTestServer.StartAsync(new RecordingProvider());
        var client = server.CreateClient();

        var progress = await client.WatchTaskAsync(new TaskRef { Id = "export-1" }).ToListAsync();

        Assert.Equal([0L, 50L, 100L], progress.Select(p => p.BytesDone));
        Assert.All(progress, p => Assert.Equal("export-1", p.Task.Id));
        Assert.True(progress[^1].Done);
        Assert.False(client.WatchTaskUnsupported);
    }

    [Fact]
    public async Task WatchTask_EmptyTask_OneCompletedSnapshotWithoutACall()
    {
        var provider = new RecordingProvider();
        await using var server = await ProviderTestServer.StartAsync(provider);
        var client = server.CreateClient();

        var progress = Assert.Single(await client.WatchTaskAsync(new TaskRef()).ToListAsync());

        Assert.True(progress.Done);
        Assert.Equal(100, progress.Percentage);
        Assert.Empty(provider.Calls);
    }

    [Fact]
    public async Task WatchTask_ProviderAnswersUnimplemented_PollsTaskStatusUntilDone()
    {
        var clock = new ManualTimeProvider();
        var provider = new PollingOnlyProvider(pollsUntilDone: 3);
        await using var server = await ProviderTestServer.StartAsync(provider);
        var client = server.CreateClient(new ProviderClientOptions { TimeProvider = clock, TaskPollInterval = TimeSpan.FromSeconds(2) });

        await using var watch = client.WatchTaskAsync(new TaskRef { Id = "t-1" }).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());
        Assert.False(watch.Current.Done);
        Assert.True(client.WatchTaskUnsupported);

        // Polls 2 and 3 follow the interval on the injected clock; only the change (done) is reported.
        var next = watch.MoveNextAsync().AsTask();
        Assert.Equal(TimeSpan.FromSeconds(2), await clock.WaitForTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), await clock.WaitForTimerAsync());
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await next.WaitAsync(ProviderTestServer.Patience));
        Assert.True(watch.Current.Done);
        Assert.Equal(100, watch.Current.Percentage);
        Assert.Equal("", watch.Current.Error);
        Assert.False(await watch.MoveNextAsync());

        Assert.Equal(1, provider.WatchTaskCalls);
        Assert.Equal(3, provider.TaskStatusCalls);
    }

    [Fact]
    public async Task WatchTask_KnownUnsupported_GoesStraightToPolling()
    {
        var provider = new PollingOnlyProvider(pollsUntilDone: 1);
        await using var server = await ProviderTestServer.StartAsync(provider);
        var client = server.CreateClient();

        await client.WatchTaskAsync(new TaskRef { Id = "a" }).ToListAsync();
        var second = await client.WatchTaskAsync(new TaskRef { Id = "b" }).ToListAsync();

        Assert.True(Assert.Single(second).Done);
        Assert.Equal(1, provider.WatchTaskCalls);
    }

    [Fact]
    public async Task WatchTask_PolledTaskFails_LastSnapshotCarriesTheError()
    {
        var provider = new PollingOnlyProvider(pollsUntilDone: 1, error: "no space left");
        await using var server = await ProviderTestServer.StartAsync(provider);
        var client = server.CreateClient();

        var last = Assert.Single(await client.WatchTaskAsync(new TaskRef { Id = "a" }).ToListAsync());

        Assert.True(last.Done);
        Assert.Equal("no space left", last.Error);
        Assert.Equal(0, last.Percentage);
    }

    [Fact]
    public async Task WatchTask_PollingPastTheDeadline_ThrowsDeadlineExceeded()
    {
        var clock = new ManualTimeProvider();
        var provider = new PollingOnlyProvider(pollsUntilDone: int.MaxValue);
        await using var server = await ProviderTestServer.StartAsync(provider);
        var client = server.CreateClient(new ProviderClientOptions { TimeProvider = clock, TaskPollInterval = TimeSpan.FromSeconds(2) });

        await using var watch = client.WatchTaskAsync(new TaskRef { Id = "t" }, new ProviderCallOptions { Timeout = TimeSpan.FromSeconds(5) })
            .GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());
        var next = watch.MoveNextAsync().AsTask();

        // Waits of 2 s, 2 s, then the 1 s left before the deadline.
        foreach (var expected in new[] { 2, 2, 1 })
        {
            Assert.Equal(TimeSpan.FromSeconds(expected), await clock.WaitForTimerAsync());
            clock.Advance(TimeSpan.FromSeconds(expected));
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => next.WaitAsync(ProviderTestServer.Patience));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(3, provider.TaskStatusCalls);
    }

    [Fact]
    public async Task WatchTask_StreamFailsWithNotFound_Throws()
    {
        await using var server = await ProviderTestServer.StartAsync(new NotFoundWatchProvider());
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.WatchTaskAsync(new TaskRef { Id = "gone" }).ToListAsync().AsTask());

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.False(client.WatchTaskUnsupported);
    }

    /// <summary>An upstream-like provider: TaskStatus only; done after the given number of polls.</summary>
    private sealed class PollingOnlyProvider(int pollsUntilDone, string error = "") : ProviderServiceBase
    {
        private int _watchTaskCalls;
        private int _taskStatusCalls;

        public int WatchTaskCalls => Volatile.Read(ref _watchTaskCalls);

        public int TaskStatusCalls => Volatile.Read(ref _taskStatusCalls);

        public override Task WatchTaskAsync(WatchTaskRequest request, IServerStreamWriter<TaskProgress> responses, ServerCallContext context)
        {
            Interlocked.Increment(ref _watchTaskCalls);
            return base.WatchTaskAsync(request, responses, context);
        }

        public override Task<TaskStatusResponse> TaskStatusAsync(TaskStatusRequest request, ServerCallContext context)
        {
            var calls = Interlocked.Increment(ref _taskStatusCalls);
            var done = calls >= pollsUntilDone;
            return Task.FromResult(new TaskStatusResponse { Done = done, Error = done ? error : "" });
        }
    }

    private sealed class NotFoundWatchProvider : ProviderServiceBase
    {
        public override Task WatchTaskAsync(WatchTaskRequest request, IServerStreamWriter<TaskProgress> responses, ServerCallContext context) =>
            throw new RpcException(new Status(StatusCode.NotFound, "unknown task"));
    }
}
