using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 EmptyDirVolumeSource.</summary>
public sealed record EmptyDirVolumeSource
{
    /// <summary>Empty (node disk) or Memory.</summary>
    [JsonPropertyName("medium")]
    public string? Medium { get; init; }

    [JsonPropertyName("sizeLimit")]
    public Quantity? SizeLimit { get; init; }
}
