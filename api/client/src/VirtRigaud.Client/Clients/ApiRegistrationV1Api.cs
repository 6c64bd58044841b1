using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Clients;

/// <summary>Typed clients of apiregistration.k8s.io/v1: APIServices. Thread-safe; each call returns a new lightweight client.</summary>
public sealed class ApiRegistrationV1Api
{
    private readonly RestClient _rest;

    internal ApiRegistrationV1Api(RestClient rest)
    {
        _rest = rest;
    }

    /// <summary>ApiServices (cluster-scoped).</summary>
    public ResourceClient<Models.ApiRegistrationV1.APIService> ApiServices() => new(_rest, ResourceDefinitions.ApiServices, "");
}
