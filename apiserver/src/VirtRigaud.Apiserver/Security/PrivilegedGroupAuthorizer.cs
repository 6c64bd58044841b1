namespace VirtRigaud.Apiserver.Security;

/// <summary>
/// Allows every request of a member of <c>system:masters</c>, whatever the policy says (kube-apiserver's privileged
/// group authorizer, which runs before RBAC); has no opinion on anyone else.
/// </summary>
internal sealed class PrivilegedGroupAuthorizer : IAuthorizer
{
    /// <inheritdoc/>
    public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken) =>
        ValueTask.FromResult(attributes.User.Groups.Contains(UserInfo.Masters, StringComparer.Ordinal)
            ? AuthorizationDecision.Allow()
            : AuthorizationDecision.NoOpinion());
}
