using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Grpc;

namespace VirtRigaud.Controllers.Tests.Providers;

public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new();

    private static Task<int> Fail(StatusCode code) => Task.FromException<int>(new RpcException(new Status(code, "injected")));

    private static async Task<StatusCode?> CallAsync(CircuitBreaker breaker, Func<Task<int>> call)
    {
        try
        {
            await breaker.ExecuteAsync(call);
            return null;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.Internal, true)]
    [InlineData(StatusCode.Unknown, true)]
    [InlineData(StatusCode.NotFound, false)]
    [InlineData(StatusCode.InvalidArgument, false)]
    [InlineData(StatusCode.Unimplemented, false)]
    [InlineData(StatusCode.FailedPrecondition, false)]
    public void IsCountedFailure_Code_MatchesUpstream(StatusCode code, bool counted) => Assert.Equal(counted, CircuitBreaker.IsCountedFailure(code));

    [Fact]
    public async Task ExecuteAsync_TenConsecutiveInfraFailures_OpensAndRejectsWithUnavailable()
    {
        var breaker = new CircuitBreaker("mock:default/p:rpc", timeProvider: _time);
        for (var i = 0; i < 9; i++)
        {
            await CallAsync(breaker, () => Fail(StatusCode.Unavailable));
        }

        Assert.Equal(CircuitState.Closed, breaker.State);
        await CallAsync(breaker, () => Fail(StatusCode.DeadlineExceeded));
        Assert.Equal(CircuitState.Open, breaker.State);

        var called = false;
        var rejected = await Assert.ThrowsAsync<RpcException>(() => breaker.ExecuteAsync(() => { called = true; return Task.FromResult(1); }));
        Assert.False(called);
        Assert.Equal(StatusCode.Unavailable, rejected.StatusCode);
        Assert.StartsWith("circuit breaker open: mock:default/p:rpc", rejected.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_SuccessOrNonInfraErrorBetweenFailures_ResetsCount()
    {
        var breaker = new CircuitBreaker("b", timeProvider: _time);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 9; i++)
            {
                await CallAsync(breaker, () => Fail(StatusCode.Unavailable));
            }

            await CallAsync(breaker, round % 2 == 0 ? () => Task.FromResult(1) : () => Fail(StatusCode.NotFound));
        }

        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_AfterResetTimeoutThreeSuccessfulProbes_Closes()
    {
        var breaker = new CircuitBreaker("b", timeProvider: _time);
        var states = new List<CircuitState>();
        breaker.StateChanged += states.Add;
        for (var i = 0; i < 10; i++)
        {
            await CallAsync(breaker, () => Fail(StatusCode.Unavailable));
        }

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(StatusCode.Unavailable, await CallAsync(breaker, () => Task.FromResult(1)));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await CallAsync(breaker, () => Task.FromResult(1)));
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
        Assert.Null(await CallAsync(breaker, () => Task.FromResult(1)));
        Assert.Null(await CallAsync(breaker, () => Task.FromResult(1)));

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed], states);
    }

    [Fact]
    public async Task ExecuteAsync_FailureWhileHalfOpen_ReopensForAnotherPeriod()
    {
        var breaker = new CircuitBreaker("b", timeProvider: _time);
        for (var i = 0; i < 10; i++)
        {
            await CallAsync(breaker, () => Fail(StatusCode.Unavailable));
        }

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(await CallAsync(breaker, () => Task.FromResult(1)));
        Assert.Equal(StatusCode.Internal, await CallAsync(breaker, () => Fail(StatusCode.Internal)));

        Assert.Equal(CircuitState.Open, breaker.State);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(StatusCode.Unavailable, await CallAsync(breaker, () => Task.FromResult(1)));
    }

    [Fact]
    public async Task ExecuteAsync_MoreThanThreeConcurrentProbes_ExtraRejected()
    {
        var breaker = new CircuitBreaker("b", timeProvider: _time);
        for (var i = 0; i < 10; i++)
        {
            await CallAsync(breaker, () => Fail(StatusCode.Unavailable));
        }

        _time.Advance(TimeSpan.FromSeconds(60));
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probes = Enumerable.Range(0, 3).Select(_ => CallAsync(breaker, () => gate.Task)).ToList();

        Assert.Equal(StatusCode.Unavailable, await CallAsync(breaker, () => Task.FromResult(1)));
        gate.SetResult(1);
        Assert.All(await Task.WhenAll(probes), Assert.Null);
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledProbes_GiveBackTheirSlots()
    {
        var breaker = new CircuitBreaker("b", timeProvider: _time);
        for (var i = 0; i < 10; i++)
        {
            await CallAsync(breaker, () => Fail(StatusCode.Unavailable));
        }

        _time.Advance(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<OperationCanceledException>(() => breaker.ExecuteAsync<int>(() => throw new OperationCanceledException()));
        }

        // Without the slots back, these would be rejected as "probes in flight" forever.
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await CallAsync(breaker, () => Task.FromResult(1)));
        }

        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task IsRejection_BreakerRejectionVersusProviderUnavailable_Distinguished()
    {
        var breaker = new CircuitBreaker("b", timeProvider: _time);
        var fromProvider = await Assert.ThrowsAsync<RpcException>(() => breaker.ExecuteAsync(() => Fail(StatusCode.Unavailable)));
        for (var i = 0; i < 9; i++)
        {
            await CallAsync(breaker, () => Fail(StatusCode.Unavailable));
        }

        var rejected = await Assert.ThrowsAsync<RpcException>(() => breaker.ExecuteAsync(() => Task.FromResult(1)));

        Assert.False(CircuitBreaker.IsRejection(fromProvider));
        Assert.True(CircuitBreaker.IsRejection(rejected));
        Assert.Equal("b", Assert.IsType<CircuitBreakerOpenException>(rejected.InnerException).Breaker);
    }

    [Fact]
    public async Task Pipeline_ExecutedDirectly_GuardedByTheSameBreaker()
    {
        var breaker = new CircuitBreaker("b", timeProvider: _time);
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<RpcException>(async () => await breaker.Pipeline.ExecuteAsync<int>(_ => ValueTask.FromException<int>(new RpcException(new Status(StatusCode.DeadlineExceeded, "slow"))), CancellationToken.None));
        }

        Assert.Equal(CircuitState.Open, breaker.State);
    }
}
