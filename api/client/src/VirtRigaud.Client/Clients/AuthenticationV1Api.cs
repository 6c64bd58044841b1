using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Clients;

/// <summary>Typed clients of authentication.k8s.io/v1: TokenReviews (create only). Thread-safe; each call returns a new lightweight client.</summary>
public sealed class AuthenticationV1Api
{
    private readonly RestClient _rest;

    internal AuthenticationV1Api(RestClient rest)
    {
        _rest = rest;
    }

    /// <summary>TokenReviews (cluster-scoped).</summary>
    public ResourceClient<Models.AuthenticationV1.TokenReview> TokenReviews() => new(_rest, ResourceDefinitions.TokenReviews, "");
}
