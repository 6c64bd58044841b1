using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The state of a provider's Deployment. Other controllers use a provider only when it is <see cref="Running"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderRuntimePhase>))]
public enum ProviderRuntimePhase
{
    Pending,
    Starting,
    Running,
    Stopping,
    Failed,
}
