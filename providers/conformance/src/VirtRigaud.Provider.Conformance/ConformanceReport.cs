namespace VirtRigaud.Provider.Conformance;

/// <summary>The results of one conformance run against one provider. Immutable.</summary>
public sealed record ConformanceReport
{
    /// <summary>What was tested, e.g. the provider address; the JUnit suite's <c>name</c> and a property.</summary>
    public required string Target { get; init; }

    /// <summary>The prefix of every VM, snapshot, image and disk name the run created.</summary>
    public required string RunPrefix { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>One result per case, in the order the cases ran.</summary>
    public required IReadOnlyList<ConformanceCaseResult> Results { get; init; }

    public int Passed => Results.Count(r => r.Outcome == ConformanceOutcome.Passed);

    public int Failed => Results.Count(r => r.Outcome == ConformanceOutcome.Failed);

    public int Skipped => Results.Count(r => r.Outcome == ConformanceOutcome.Skipped);

    /// <summary>The closing line of the command-line tool: <c>15 passed, 1 failed, 2 skipped</c>.</summary>
    public string FormatSummary() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}
