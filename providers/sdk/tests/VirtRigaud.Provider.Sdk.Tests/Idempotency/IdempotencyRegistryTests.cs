using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Idempotency;
using VirtRigaud.Provider.Sdk.Tests.Testing;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Tests.Idempotency;

public sealed class IdempotencyRegistryTests : IDisposable
{
    private readonly IdempotencyRegistry _registry = new();
    private int _runs;

    public void Dispose() => _registry.Dispose();

    [Fact]
    public async Task RunAsync_ConcurrentDuplicates_JoinOneOperation()
    {
        var gate = new TaskCompletionSource();
        var calls = Enumerable.Range(0, 8).Select(_ => _registry.RunAsync("Create", "web-1", ct => CreateAsync(gate, ct), Wait.Token())).ToList();

        gate.SetResult();
        var results = await Task.WhenAll(calls).WaitAsync(Wait.Long);

        Assert.Equal(1, _runs);
        Assert.All(results, r => Assert.Equal("vm-1", r.Id));
        Assert.Equal(8, results.Cast<object>().Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public async Task RunAsync_JoinedCallers_EachGetTheirOwnCopy()
    {
        var gate = new TaskCompletionSource();
        var first = _registry.RunAsync("Create", "web-1", ct => CreateAsync(gate, ct), Wait.Token());
        var second = _registry.RunAsync("Create", "web-1", ct => CreateAsync(gate, ct), Wait.Token());
        gate.SetResult();

        var results = await Task.WhenAll(first, second).WaitAsync(Wait.Long);

        Assert.Equal(1, _runs);
        Assert.Equal(results[0], results[1]);
        Assert.NotSame(results[0], results[1]);
    }

    [Fact]
    public async Task RunAsync_AfterTheOperationEnded_RunsAgain()
    {
        // Create → (Delete on the hypervisor) → Create of the same name must really create again: once an operation has
        // ended, repeats are the provider's lookup by name to answer, not a remembered result.
        await _registry.RunAsync("Create", "web-1", ct => CreateAsync(null, ct), Wait.Token());

        await _registry.RunAsync("Create", "web-1", ct => CreateAsync(null, ct), Wait.Token());

        Assert.Equal(2, _runs);
        Assert.Equal(0, _registry.RunningCount);
    }

    [Fact]
    public async Task RunAsync_DifferentKindOrName_Independent()
    {
        await _registry.RunAsync("Create", "a", ct => CreateAsync(null, ct), Wait.Token());
        await _registry.RunAsync("Create", "b", ct => CreateAsync(null, ct), Wait.Token());
        await _registry.RunAsync("Clone", "a", ct => CreateAsync(null, ct), Wait.Token());

        Assert.Equal(3, _runs);
    }

    [Fact]
    public async Task RunAsync_Failed_NotRememberedSoTheNextCallRunsAgain()
    {
        await Assert.ThrowsAsync<ProviderException>(() =>
            _registry.RunAsync<CreateResponse>("Create", "web-1", _ => throw ProviderErrors.Unavailable("vCenter down"), Wait.Token()));

        var retried = await _registry.RunAsync("Create", "web-1", ct => CreateAsync(null, ct), Wait.Token());

        Assert.Equal("vm-1", retried.Id);
    }

    [Fact]
    public async Task RunAsync_DifferentFingerprintWhileRunning_AlreadyExists_AfterwardsRunsWithTheNewParameters()
    {
        var gate = new TaskCompletionSource();
        var small = IdempotencyRegistry.Fingerprint(new CreateRequest { Name = "web-1", ClassJson = "{\"CPU\":2}" });
        var large = IdempotencyRegistry.Fingerprint(new CreateRequest { Name = "web-1", ClassJson = "{\"CPU\":4}" });
        var running = _registry.RunAsync("Create", "web-1", ct => CreateAsync(gate, ct), Wait.Token(), small);

        var e = await Assert.ThrowsAsync<ProviderException>(() => _registry.RunAsync("Create", "web-1", ct => CreateAsync(null, ct), Wait.Token(), large));
        gate.SetResult();
        await running.WaitAsync(Wait.Long);
        await _registry.RunAsync("Create", "web-1", ct => CreateAsync(null, ct), Wait.Token(), large);

        Assert.Equal(StatusCode.AlreadyExists, e.Code);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task RunAsync_CallerGivesUp_OperationContinuesAndARetryJoinsIt()
    {
        var gate = new TaskCompletionSource();
        using var caller = new CancellationTokenSource();
        var first = _registry.RunAsync("Create", "slow", ct => CreateAsync(gate, ct), caller.Token);
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        var retry = _registry.RunAsync("Create", "slow", ct => CreateAsync(gate, ct), Wait.Token());
        gate.SetResult();

        Assert.Equal("vm-1", (await retry.WaitAsync(Wait.Long)).Id);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task RunAsync_EmptyName_InvalidArgument()
    {
        var e = await Assert.ThrowsAsync<ProviderException>(() => _registry.RunAsync("Create", "", ct => CreateAsync(null, ct), Wait.Token()));

        Assert.Equal(StatusCode.InvalidArgument, e.Code);
    }

    [Fact]
    public async Task Dispose_RunningOperation_SeesItsTokenCancelled()
    {
        var observed = new TaskCompletionSource();
        var call = _registry.RunAsync<CreateResponse>("Create", "x", async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => observed.SetResult(), TaskScheduler.Default);
            throw new OperationCanceledException(ct);
        }, Wait.Token());

        _registry.Dispose();

        await observed.Task.WaitAsync(Wait.Long);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _registry.RunAsync("Create", "y", ct => CreateAsync(null, ct), Wait.Token()));
    }

    private async Task<CreateResponse> CreateAsync(TaskCompletionSource? gate, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        if (gate is not null)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return new CreateResponse { Id = "vm-1" };
    }
}
