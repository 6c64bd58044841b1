using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// How the manager runs a provider's gRPC server. Upstream knows only <see cref="Remote"/>; <see cref="Local"/> and
/// <see cref="External"/> are our additions.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>mode</term><description>what the manager does</description></listheader>
/// <item><term>Remote</term><description>creates a Deployment and Service <c>virtrigaud-provider-&lt;ns&gt;-&lt;name&gt;</c>
/// from <c>spec.runtime.image</c> (needs kube-apiserver) and connects to the Service</description></item>
/// <item><term>Local</term><description>starts the provider binary chosen by <c>spec.type</c> as a child process on a
/// loopback port (restarted with back-off when it exits), with the credentials Secret as files and loopback mTLS from
/// a certificate the manager issues; for the all-in-one and development</description></item>
/// <item><term>External</term><description>connects to a provider the user runs at <c>spec.runtime.endpoint</c>
/// (host:port), with TLS from <c>spec.runtime.service.tls</c> as for Remote</description></item>
/// </list>
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderRuntimeMode>))]
public enum ProviderRuntimeMode
{
    Remote,

    /// <summary>Our addition: a child process of the manager.</summary>
    Local,

    /// <summary>Our addition: a provider the user runs, at <c>spec.runtime.endpoint</c>.</summary>
    External,
}
