namespace VirtRigaud.Provider.Conformance;

/// <summary>
/// How a case body ended when it did not throw: passed (with an optional note on what could not be exercised) or
/// skipped after the honesty check. Failures are exceptions, so that an assertion deep in a helper ends the case.
/// </summary>
internal readonly record struct CaseVerdict(ConformanceOutcome Outcome, string Message)
{
    public static CaseVerdict Pass(string note = "") => new(ConformanceOutcome.Passed, note);

    public static CaseVerdict Skip(string reason) => new(ConformanceOutcome.Skipped, reason);
}
