using VirtRigaud.Provider.Conformance.Cases;

namespace VirtRigaud.Provider.Conformance;

/// <summary>The catalog of conformance cases, in the order <c>all</c> runs them (cheap read-only checks first).</summary>
public static class ConformanceCases
{
    /// <summary>Every case, in run order.</summary>
    public static readonly IReadOnlyList<ConformanceCase> All =
    [
        IdentityCases.Validate,
        IdentityCases.Capabilities,
        LifecycleCases.DescribeMissing,
        LifecycleCases.CreateIdempotent,
        LifecycleCases.ListVms,
        PowerCases.PowerCycle,
        PowerCases.GracefulShutdown,
        ReconfigureCases.Reconfigure,
        SnapshotCases.SnapshotCreateRevertDelete,
        CloneCases.CloneFull,
        CloneCases.CloneLinked,
        ImageCases.ImagePrepare,
        DiskCases.ExportImportRoundtrip,
        TaskCases.TaskStatus,
        TaskCases.WatchTask,
        ConsoleCases.ConsoleStream,
        ErrorCodeCases.ErrorCodes,
    ];

    /// <summary>Every case name, in run order.</summary>
    public static readonly IReadOnlyList<string> Names = [.. All.Select(c => c.Name)];

    private static readonly Dictionary<string, ConformanceCase> ByName = All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>The case named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No case has that name.</exception>
    public static ConformanceCase Get(string name) =>
        ByName.TryGetValue(name, out var found)
            ? found
            : throw new ArgumentException($"unknown conformance case \"{name}\"; known: {string.Join(", ", Names)}", nameof(name));

    /// <summary>
    /// Parses a comma-separated case list or <c>all</c> (whitespace around names ignored); duplicates keep their first
    /// position.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty or names an unknown case (all unknown names are listed).</exception>
    public static IReadOnlyList<string> ParseSelection(string selection)
    {
        if (string.Equals(selection.Trim(), "all", StringComparison.Ordinal))
        {
            return Names;
        }

        var names = selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = names.Where(n => !ByName.ContainsKey(n)).ToList();
        if (names.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException(
                names.Count == 0
                    ? $"no case named; give a comma-separated list or all ({string.Join(", ", Names)})"
                    : $"unknown case(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Names)}, all",
                nameof(selection));
        }

        return names;
    }
}
