using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Clients;

/// <summary>Typed clients of authorization.k8s.io/v1: SubjectAccessReviews (create only). Thread-safe; each call returns a new lightweight client.</summary>
public sealed class AuthorizationV1Api
{
    private readonly RestClient _rest;

    internal AuthorizationV1Api(RestClient rest)
    {
        _rest = rest;
    }

    /// <summary>SubjectAccessReviews (cluster-scoped).</summary>
    public ResourceClient<Models.AuthorizationV1.SubjectAccessReview> SubjectAccessReviews() => new(_rest, ResourceDefinitions.SubjectAccessReviews, "");
}
