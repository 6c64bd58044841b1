using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>A page of a list: the items (shared, never mutate them), the list's resourceVersion and paging state.</summary>
public sealed record ObjectListResult(IReadOnlyList<JsonObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
