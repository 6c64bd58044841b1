using VirtRigaud.Provider.Conformance.Tests.Testing;

namespace VirtRigaud.Provider.Conformance.Tests.Runner;

/// <summary>
/// A provider that advertises features as absent, and refuses them honestly, has exactly those cases skipped; the rest
/// pass (also with synchronous operations, as libvirt's).
/// </summary>
public sealed class AbsentCapabilitiesTests
{
    [Fact]
    public async Task RunAsync_EveryOptionalFeatureOff_ThoseCasesSkippedTheRestPass()
    {
        using var inputs = new TemporaryDirectory();
        await using var provider = await MockProviders.StartAsync(
            TimeSpan.Zero,
            "reconfigure-online", "snapshots", "linked-clones", "image-import", "disk-export", "disk-import", "watch-task", "console-stream");
        var runner = new ConformanceRunner(provider.Client, MockProviders.Inputs(inputs.Path), MockProviders.RunnerOptions, provider.Invoker);

        var report = await runner.RunAsync(ConformanceCases.Names, "mock without optional features", progress: null, CancellationToken.None);

        var outcomes = report.Results.ToDictionary(r => r.Name, r => r);
        string[] skipped =
        [
            ConformanceCaseNames.SnapshotCreateRevertDelete, ConformanceCaseNames.CloneLinked, ConformanceCaseNames.ImagePrepare,
            ConformanceCaseNames.ExportImportRoundtrip, ConformanceCaseNames.WatchTask, ConformanceCaseNames.ConsoleStream,
        ];
        foreach (var result in report.Results)
        {
            var want = skipped.Contains(result.Name) ? ConformanceOutcome.Skipped : ConformanceOutcome.Passed;
            Assert.True(result.Outcome == want, $"want {want}: {result.FormatLine()}\n{string.Join('\n', result.Steps)}");
        }

        Assert.Contains("answered Unimplemented as it should", outcomes[ConformanceCaseNames.SnapshotCreateRevertDelete].Message, StringComparison.Ordinal);
        Assert.Contains("supports_disk_export is false", outcomes[ConformanceCaseNames.ExportImportRoundtrip].Message, StringComparison.Ordinal);
        Assert.Contains("supports_disk_import is false", outcomes[ConformanceCaseNames.ExportImportRoundtrip].Message, StringComparison.Ordinal);
        Assert.Contains("synchronously", outcomes[ConformanceCaseNames.TaskStatus].Message, StringComparison.Ordinal);
        Assert.Contains("online reconfigure not advertised", outcomes[ConformanceCaseNames.Reconfigure].Message, StringComparison.Ordinal);
        Assert.Equal(skipped.Length, report.Skipped);
        Assert.Equal(0, report.Failed);
    }

    [Fact]
    public async Task RunCaseAsync_MemorySnapshotsOff_SnapshotCasePassesAndChecksTheRefusal()
    {
        using var inputs = new TemporaryDirectory();
        await using var provider = await MockProviders.StartAsync(MockProviders.TaskDuration, "memory-snapshots");
        var runner = new ConformanceRunner(provider.Client, MockProviders.Inputs(inputs.Path), MockProviders.RunnerOptions, provider.Invoker);

        var result = await runner.RunCaseAsync(ConformanceCaseNames.SnapshotCreateRevertDelete, CancellationToken.None);

        Assert.True(result.Outcome == ConformanceOutcome.Passed, $"{result.FormatLine()}\n{string.Join('\n', result.Steps)}");
        Assert.Contains("memory snapshots not advertised", result.Message, StringComparison.Ordinal);
        Assert.Contains(result.Steps, s => s.Contains("include_memory", StringComparison.Ordinal) && s.Contains("(expected)", StringComparison.Ordinal));
    }
}
