using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Instance meta-data for the guest (cloud-init NoCloud <c>meta-data</c>, YAML).</summary>
public sealed record MetaData
{
    [JsonPropertyName("cloudInit")]
    public CloudInitConfig? CloudInit { get; init; }
}
