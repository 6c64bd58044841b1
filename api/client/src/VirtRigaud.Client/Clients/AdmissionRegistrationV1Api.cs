using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Clients;

/// <summary>Typed clients of admissionregistration.k8s.io/v1: webhook configurations. Thread-safe; each call returns a new lightweight client.</summary>
public sealed class AdmissionRegistrationV1Api
{
    private readonly RestClient _rest;

    internal AdmissionRegistrationV1Api(RestClient rest)
    {
        _rest = rest;
    }

    /// <summary>MutatingWebhookConfigurations (cluster-scoped).</summary>
    public ResourceClient<Models.AdmissionRegistrationV1.MutatingWebhookConfiguration> MutatingWebhookConfigurations() => new(_rest, ResourceDefinitions.MutatingWebhookConfigurations, "");

    /// <summary>ValidatingWebhookConfigurations (cluster-scoped).</summary>
    public ResourceClient<Models.AdmissionRegistrationV1.ValidatingWebhookConfiguration> ValidatingWebhookConfigurations() => new(_rest, ResourceDefinitions.ValidatingWebhookConfigurations, "");
}
