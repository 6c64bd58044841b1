using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using Xunit;
using Xunit.Abstractions;

namespace VirtRigaud.Provider.Conformance;

/// <summary>
/// The conformance suite as xunit tests (Orleans-style abstract test base): a provider's test project derives from it,
/// supplies the client of a running provider and its inputs, and gets one <c>[Fact]</c> per case. A case that the
/// provider's capabilities exclude, and that the provider refuses honestly, passes (xunit 2 has no dynamic skip) and
/// says so in the test output; every call a case made is written to the output too.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyProviderConformanceTests(MyProviderFixture provider, ITestOutputHelper output)
///     : ProviderConformanceTests(output), IClassFixture&lt;MyProviderFixture&gt;
/// {
///     protected override ProviderClient Client => provider.Client;
///     protected override ConformanceFixture Fixture => MyProviderFixture.Inputs;
/// }
/// </code>
/// </example>
public abstract class ProviderConformanceTests
{
    private readonly ITestOutputHelper _output;

    protected ProviderConformanceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>A client of the provider under test (typically from a class fixture that started it).</summary>
    protected abstract ProviderClient Client { get; }

    /// <summary>Inputs valid for the provider under test.</summary>
    protected abstract ConformanceFixture Fixture { get; }

    /// <summary>The invoker behind <see cref="Client"/>, for the grpc.health.v1 check; <c>null</c> leaves it out.</summary>
    protected virtual CallInvoker? Invoker => null;

    /// <summary>Pacing and bounds; the defaults suit a real hypervisor, a fast fake may shorten them.</summary>
    protected virtual ConformanceRunnerOptions RunnerOptions => new();

    [Fact]
    public Task Validate_ProviderReady_ReportsOkAndServing() => RunAsync(ConformanceCaseNames.Validate);

    [Fact]
    public Task Capabilities_CalledTwice_StableAndConsistent() => RunAsync(ConformanceCaseNames.Capabilities);

    [Fact]
    public Task Describe_MissingVm_ExistsFalse() => RunAsync(ConformanceCaseNames.DescribeMissing);

    [Fact]
    public Task Create_SameNameTwiceAndConcurrently_OneVm() => RunAsync(ConformanceCaseNames.CreateIdempotent);

    [Fact]
    public Task ListVms_AfterCreateAndDelete_ListsExactlyTheLiveVms() => RunAsync(ConformanceCaseNames.ListVms);

    [Fact]
    public Task Power_OnRebootOff_DescribeFollows() => RunAsync(ConformanceCaseNames.PowerCycle);

    [Fact]
    public Task Power_GracefulShutdown_VmOff() => RunAsync(ConformanceCaseNames.GracefulShutdown);

    [Fact]
    public Task Reconfigure_CpuAndMemory_AppliedAndLevelBased() => RunAsync(ConformanceCaseNames.Reconfigure);

    [Fact]
    public Task Snapshot_CreateRevertDelete_RestoresState() => RunAsync(ConformanceCaseNames.SnapshotCreateRevertDelete);

    [Fact]
    public Task Clone_Full_IndependentVm() => RunAsync(ConformanceCaseNames.CloneFull);

    [Fact]
    public Task Clone_Linked_DependsOnSource() => RunAsync(ConformanceCaseNames.CloneLinked);

    [Fact]
    public Task ImagePrepare_InputsImage_PreparedAndUsable() => RunAsync(ConformanceCaseNames.ImagePrepare);

    [Fact]
    public Task ExportImport_RoundTrip_SameChecksum() => RunAsync(ConformanceCaseNames.ExportImportRoundtrip);

    [Fact]
    public Task TaskStatus_OperationTasks_ReachDone() => RunAsync(ConformanceCaseNames.TaskStatus);

    [Fact]
    public Task WatchTask_OperationTask_StreamsToDone() => RunAsync(ConformanceCaseNames.WatchTask);

    [Fact]
    public Task ConsoleStream_RunningVm_RelaysAndCloses() => RunAsync(ConformanceCaseNames.ConsoleStream);

    [Fact]
    public Task ErrorCodes_BadInputAndMissingObjects_ContractCodes() => RunAsync(ConformanceCaseNames.ErrorCodes);

    /// <summary>Runs one case, writes its line and steps to the test output, and fails the test when the case failed.</summary>
    protected async Task RunAsync(string caseName)
    {
        var runner = new ConformanceRunner(Client, Fixture, RunnerOptions, Invoker);
        var result = await runner.RunCaseAsync(caseName, CancellationToken.None);
        _output.WriteLine(result.FormatLine());
        foreach (var step in result.Steps)
        {
            _output.WriteLine("  " + step);
        }

        if (result.Outcome == ConformanceOutcome.Failed)
        {
            Assert.Fail($"{caseName} ({result.FailureType}): {result.Message}");
        }
    }
}
