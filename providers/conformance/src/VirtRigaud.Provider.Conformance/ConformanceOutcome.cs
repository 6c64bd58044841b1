namespace VirtRigaud.Provider.Conformance;

/// <summary>How a conformance case ended.</summary>
public enum ConformanceOutcome
{
    /// <summary>Every assertion of the case held and its cleanup succeeded.</summary>
    Passed,

    /// <summary>An assertion did not hold, a call failed where the contract promises success, or cleanup failed.</summary>
    Failed,

    /// <summary>
    /// The provider's advertised capabilities (or an UNIMPLEMENTED answer to one of our additive RPCs) say the feature is
    /// absent, and the provider refused the feature honestly (UNIMPLEMENTED or FAILED_PRECONDITION). A provider that
    /// advertises a feature as absent and then performs it fails instead.
    /// </summary>
    Skipped,
}
