using System.Globalization;

namespace VirtRigaud.Provider.Conformance;

/// <summary>The result of one conformance case. Immutable.</summary>
public sealed record ConformanceCaseResult
{
    /// <summary>The case name, e.g. <c>create-idempotent</c>.</summary>
    public required string Name { get; init; }

    public required ConformanceOutcome Outcome { get; init; }

    /// <summary>
    /// Failed: what went wrong. Skipped: why the case did not run and what the honesty check saw. Passed: empty, or a
    /// note on what could not be exercised (e.g. "the provider completes every operation synchronously").
    /// </summary>
    public string Message { get; init; } = "";

    /// <summary>
    /// Failed only: the kind of failure, for report consumers — <c>assertion</c> (the contract was broken),
    /// <c>rpc:&lt;StatusCode&gt;</c> (a call failed where success was due), <c>timeout</c>, <c>cleanup</c>, or the
    /// exception type name of an unexpected error.
    /// </summary>
    public string? FailureType { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>
    /// The calls the case made and what they returned, one line each, in order (never secrets: credentials and user
    /// data are not echoed). Goes to the JUnit report's <c>system-out</c>.
    /// </summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>
    /// The one-line form the command-line tool prints: <c>PASS name (12 ms)</c>, <c>PASS name (12 ms): note</c>,
    /// <c>FAIL name (12 ms): reason</c> or <c>SKIP name: reason</c>.
    /// </summary>
    public string FormatLine()
    {
        var ms = ((long)Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var message = OneLine(Message);
        return Outcome switch
        {
            ConformanceOutcome.Passed => message.Length == 0 ? $"PASS {Name} ({ms} ms)" : $"PASS {Name} ({ms} ms): {message}",
            ConformanceOutcome.Failed => $"FAIL {Name} ({ms} ms): {message}",
            _ => $"SKIP {Name}: {message}",
        };
    }

    /// <summary>Line breaks in provider messages would break the one-line-per-case output.</summary>
    private static string OneLine(string s) =>
        s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
