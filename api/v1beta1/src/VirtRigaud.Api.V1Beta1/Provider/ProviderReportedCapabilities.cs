using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The provider's GetCapabilitiesResponse, field by field in camelCase. Controllers gate snapshots, image import and
/// migration backends on it.
/// </summary>
public sealed record ProviderReportedCapabilities
{
    [JsonPropertyName("supportsReconfigureOnline")]
    public bool? SupportsReconfigureOnline { get; init; }

    [JsonPropertyName("supportsDiskExpansionOnline")]
    public bool? SupportsDiskExpansionOnline { get; init; }

    [JsonPropertyName("supportsSnapshots")]
    public bool? SupportsSnapshots { get; init; }

    [JsonPropertyName("supportsMemorySnapshots")]
    public bool? SupportsMemorySnapshots { get; init; }

    [JsonPropertyName("supportsLinkedClones")]
    public bool? SupportsLinkedClones { get; init; }

    [JsonPropertyName("supportsImageImport")]
    public bool? SupportsImageImport { get; init; }

    [JsonPropertyName("supportedDiskTypes")]
    public IReadOnlyList<string>? SupportedDiskTypes { get; init; }

    [JsonPropertyName("supportedNetworkTypes")]
    public IReadOnlyList<string>? SupportedNetworkTypes { get; init; }

    [JsonPropertyName("supportsDiskExport")]
    public bool? SupportsDiskExport { get; init; }

    [JsonPropertyName("supportsDiskImport")]
    public bool? SupportsDiskImport { get; init; }

    [JsonPropertyName("supportedExportFormats")]
    public IReadOnlyList<string>? SupportedExportFormats { get; init; }

    [JsonPropertyName("supportedImportFormats")]
    public IReadOnlyList<string>? SupportedImportFormats { get; init; }

    [JsonPropertyName("supportsExportCompression")]
    public bool? SupportsExportCompression { get; init; }

    /// <summary>Staging backends the provider can export to (<c>pvc</c>, <c>nfs</c>, <c>s3</c>); empty means pvc.</summary>
    [JsonPropertyName("supportedExportBackends")]
    public IReadOnlyList<string>? SupportedExportBackends { get; init; }

    /// <summary>Staging backends the provider can import from; empty means pvc.</summary>
    [JsonPropertyName("supportedImportBackends")]
    public IReadOnlyList<string>? SupportedImportBackends { get; init; }

    /// <summary>Transfer modes (<c>relay</c>, <c>direct</c>); empty means relay.</summary>
    [JsonPropertyName("supportedTransferModes")]
    public IReadOnlyList<string>? SupportedTransferModes { get; init; }
}
