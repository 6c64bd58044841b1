using VirtRigaud.Api.Machinery.Fields;
using VirtRigaud.Api.Machinery.Labels;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>The list and watch parameters of a request (metav1.ListOptions), already parsed and checked for consistency.</summary>
public sealed record ListQuery
{
    public Selector LabelSelector { get; init; } = Selector.Everything;

    public FieldSelector FieldSelector { get; init; } = FieldSelector.Everything;

    /// <summary>At most this many items (0 = all).</summary>
    public long Limit { get; init; }

    public string? Continue { get; init; }

    /// <summary>The raw <c>resourceVersion</c> parameter: null/empty = latest (consistent read), "0" = any, else a revision.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary><c>resourceVersionMatch</c>: null, <c>NotOlderThan</c> or <c>Exact</c>.</summary>
    public string? ResourceVersionMatch { get; init; }

    public bool Watch { get; init; }

    public bool AllowWatchBookmarks { get; init; }

    public long? TimeoutSeconds { get; init; }

    public bool? SendInitialEvents { get; init; }
}
