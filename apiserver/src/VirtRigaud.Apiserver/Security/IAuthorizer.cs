namespace VirtRigaud.Apiserver.Security;

/// <summary>Decides whether a user may do what a request asks (a static policy standalone, SubjectAccessReview in a cluster).</summary>
public interface IAuthorizer
{
    ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken);
}
