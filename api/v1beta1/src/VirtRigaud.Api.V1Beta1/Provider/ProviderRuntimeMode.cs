using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How a provider runs; only as a separate Deployment today.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderRuntimeMode>))]
public enum ProviderRuntimeMode
{
    Remote,
}
