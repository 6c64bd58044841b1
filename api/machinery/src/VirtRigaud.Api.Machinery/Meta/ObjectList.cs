using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// A list of objects of one kind (<c>VirtualMachineList</c>, …): <c>apiVersion</c>, <c>kind</c>, list metadata and items.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record ObjectList<T>
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    /// <summary>The item kind with a <c>List</c> suffix, e.g. <c>VirtualMachineList</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("metadata")]
    public ListMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("items")]
    public IReadOnlyList<T> Items { get; init => field = value ?? []; } = [];
}
