using VirtRigaud.Provider.Conformance.Tests.Testing;

namespace VirtRigaud.Provider.Conformance.Tests.Runner;

/// <summary>
/// The suite catches a provider that breaks the contract: each lie of <see cref="LyingProvider"/> (a correct provider,
/// the mock, with one behaviour falsified) fails the case that covers it, with a message that says what was wrong.
/// Waits run on a manual clock, so that the cases that end in a timeout take no real time; the mock therefore
/// completes its operations synchronously (its own tasks would run on the real clock, which the manual one outpaces),
/// except for the lie about tasks, which needs a task to lie about.
/// </summary>
public sealed class LyingProviderTests
{
    /// <summary>Poll pauses the manual clock jumps over; the case and cleanup timeouts are far beyond it.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(2);

    public static readonly TheoryData<Lie, string, string, string> Lies = new()
    {
        { Lie.CreateNotIdempotent, ConformanceCaseNames.CreateIdempotent, "assertion", "a second time returned id" },
        { Lie.DescribeMissingNotFound, ConformanceCaseNames.DescribeMissing, "rpc:NotFound", "unexpected NotFound" },
        { Lie.MissingVmPowerInternal, ConformanceCaseNames.ErrorCodes, "assertion", "Power ON of a missing VM: answered Internal" },
        { Lie.SnapshotsHiddenButWorking, ConformanceCaseNames.SnapshotCreateRevertDelete, "assertion", "supports_snapshots is false, yet SnapshotCreate" },
        { Lie.MemorySnapshotsWithoutSnapshots, ConformanceCaseNames.Capabilities, "assertion", "supports_memory_snapshots without supports_snapshots" },
        { Lie.PowerIgnored, ConformanceCaseNames.PowerCycle, "assertion", "want \"On\"" },
        { Lie.TaskNeverDone, ConformanceCaseNames.TaskStatus, "assertion", "not done after 5 s" },
        { Lie.ListOmitsVm, ConformanceCaseNames.ListVms, "assertion", "ListVMs does not list" },
        { Lie.ImportIgnoresChecksum, ConformanceCaseNames.ExportImportRoundtrip, "assertion", "with verify_checksum and a wrong expected_checksum succeeded" },
        { Lie.DeleteFails, ConformanceCaseNames.PowerCycle, "cleanup", "cleanup: deleting" },
        { Lie.ConsoleClosesSilently, ConformanceCaseNames.ConsoleStream, "assertion", "want CLIENT_CLOSED" },
    };

    [Theory]
    [MemberData(nameof(Lies))]
    public async Task RunCaseAsync_ProviderLies_CaseFailsSayingWhy(Lie lie, string caseName, string failureType, string reason)
    {
        using var inputs = new TemporaryDirectory();
        var taskDuration = lie == Lie.TaskNeverDone ? MockProviders.TaskDuration : TimeSpan.Zero;
        await using var provider = await MockProviders.StartWrappedAsync(taskDuration, mock => new LyingProvider(mock, lie));
        var clock = new ManualTimeProvider();
        var options = new ConformanceRunnerOptions
        {
            TimeProvider = clock,
            InitialPollInterval = TimeSpan.FromSeconds(1),
            MaxPollInterval = TimeSpan.FromSeconds(1),
            TaskTimeout = TimeSpan.FromSeconds(5),
            StateTimeout = TimeSpan.FromSeconds(5),
            ConsoleTimeout = TimeSpan.FromSeconds(5),
            CaseTimeout = TimeSpan.FromHours(1),
            CleanupTimeout = TimeSpan.FromHours(1),
        };
        var runner = new ConformanceRunner(provider.Client, MockProviders.Inputs(inputs.Path), options, provider.Invoker);

        var result = await clock.DriveAsync(runner.RunCaseAsync(caseName, CancellationToken.None), Horizon, Wait.Long);

        Assert.True(result.Outcome == ConformanceOutcome.Failed, $"{lie}: {result.FormatLine()}\n{string.Join('\n', result.Steps)}");
        Assert.Equal(failureType, result.FailureType);
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCaseAsync_CaseOutlastsCaseTimeout_FailsAsTimeoutAndCleansUp()
    {
        using var inputs = new TemporaryDirectory();
        await using var provider = await MockProviders.StartWrappedAsync(TimeSpan.Zero, mock => new LyingProvider(mock, Lie.PowerIgnored));
        var clock = new ManualTimeProvider();
        var options = new ConformanceRunnerOptions
        {
            TimeProvider = clock,
            InitialPollInterval = TimeSpan.FromSeconds(1),
            MaxPollInterval = TimeSpan.FromSeconds(1),
            StateTimeout = TimeSpan.FromHours(1),
            CaseTimeout = TimeSpan.FromSeconds(5),
            CleanupTimeout = TimeSpan.FromHours(1),
        };
        var runner = new ConformanceRunner(provider.Client, MockProviders.Inputs(inputs.Path), options, provider.Invoker);

        var result = await clock.DriveAsync(runner.RunCaseAsync(ConformanceCaseNames.PowerCycle, CancellationToken.None), Horizon, Wait.Long);

        Assert.Equal(ConformanceOutcome.Failed, result.Outcome);
        Assert.Equal("timeout", result.FailureType);
        Assert.Contains("did not finish within", result.Message, StringComparison.Ordinal);
        Assert.Contains(result.Steps, s => s.StartsWith("Delete ", StringComparison.Ordinal));
        var listed = await provider.Client.ListVMsAsync();
        Assert.DoesNotContain(listed.Vms, v => v.Name.StartsWith(runner.RunPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunCaseAsync_HonestMockOnManualClock_Passes()
    {
        // The control for the theory above: the same set-up without a lie passes, so each failure is the lie's doing.
        using var inputs = new TemporaryDirectory();
        await using var provider = await MockProviders.StartWrappedAsync(TimeSpan.Zero, mock => mock);
        var clock = new ManualTimeProvider();
        var options = new ConformanceRunnerOptions
        {
            TimeProvider = clock,
            InitialPollInterval = TimeSpan.FromSeconds(1),
            MaxPollInterval = TimeSpan.FromSeconds(1),
            TaskTimeout = TimeSpan.FromMinutes(10),
            StateTimeout = TimeSpan.FromMinutes(10),
            CaseTimeout = TimeSpan.FromHours(1),
            CleanupTimeout = TimeSpan.FromHours(1),
        };
        var runner = new ConformanceRunner(provider.Client, MockProviders.Inputs(inputs.Path), options, provider.Invoker);

        foreach (var caseName in Lies.Select(row => (string)row[1]).Distinct(StringComparer.Ordinal))
        {
            var result = await clock.DriveAsync(runner.RunCaseAsync(caseName, CancellationToken.None), Horizon, Wait.Long);
            Assert.True(result.Outcome == ConformanceOutcome.Passed, $"{result.FormatLine()}\n{string.Join('\n', result.Steps)}");
        }
    }
}
