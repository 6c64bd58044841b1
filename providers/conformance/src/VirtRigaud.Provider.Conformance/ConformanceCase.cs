namespace VirtRigaud.Provider.Conformance;

/// <summary>A named conformance case: its name (as on the command line) and what it checks. Immutable.</summary>
public sealed class ConformanceCase
{
    internal ConformanceCase(string name, string description, Func<ConformanceContext, CancellationToken, Task<CaseVerdict>> body)
    {
        Name = name;
        Description = description;
        Body = body;
    }

    /// <summary>The case name, lowercase with dashes (grpc interop style), e.g. <c>snapshot-create-revert-delete</c>.</summary>
    public string Name { get; }

    /// <summary>What the case checks and when it is skipped.</summary>
    public string Description { get; }

    /// <summary>The body; internal so that the catalog is the only source of cases.</summary>
    internal Func<ConformanceContext, CancellationToken, Task<CaseVerdict>> Body { get; }

    public override string ToString() => Name;
}
