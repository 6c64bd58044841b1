using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The observed state of a <see cref="VMImage"/>, written by the VirtualMachine controller as it prepares images.</summary>
public sealed record VMImageStatus
{
    [JsonPropertyName("ready")]
    public bool? Ready { get; init; }

    [JsonPropertyName("phase")]
    public VMImagePhase? Phase { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Names of the Providers the image is available on.</summary>
    [JsonPropertyName("availableOn")]
    public IReadOnlyList<string>? AvailableOn { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("lastPrepareTime")]
    public DateTimeOffset? LastPrepareTime { get; init; }

    /// <summary>The provider task of the import in flight.</summary>
    [JsonPropertyName("prepareTaskRef")]
    public string? PrepareTaskRef { get; init; }

    [JsonPropertyName("importProgress")]
    public ImageImportProgress? ImportProgress { get; init; }

    [JsonPropertyName("size")]
    public Quantity? Size { get; init; }

    [JsonPropertyName("checksum")]
    public string? Checksum { get; init; }

    [JsonPropertyName("format")]
    public ImageFormat? Format { get; init; }

    /// <summary>Per Provider <em>name</em> (not namespace/name, as upstream keys it): the image on that provider.</summary>
    [JsonPropertyName("providerStatus")]
    public IReadOnlyDictionary<string, ImageProviderStatus>? ProviderStatus { get; init; }
}
