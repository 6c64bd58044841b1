using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How an HTTP image download authenticates; at most one method may be set.</summary>
public sealed record ImageHTTPAuthentication
{
    [JsonPropertyName("basicAuth")]
    public ImageBasicAuth? BasicAuth { get; init; }

    [JsonPropertyName("bearer")]
    public ImageBearerAuth? Bearer { get; init; }

    [JsonPropertyName("clientCert")]
    public ImageClientCertAuth? ClientCert { get; init; }
}
