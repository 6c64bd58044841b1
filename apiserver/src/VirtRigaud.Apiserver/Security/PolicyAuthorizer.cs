namespace VirtRigaud.Apiserver.Security;

/// <summary>Allows what a rule of the static <see cref="AuthorizationPolicy"/> allows; has no opinion otherwise (RBAC-style).</summary>
internal sealed class PolicyAuthorizer : IAuthorizer
{
    private readonly AuthorizationPolicy _policy;

    public PolicyAuthorizer(AuthorizationPolicy policy)
    {
        _policy = policy;
    }

    /// <inheritdoc/>
    public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_policy.Rules.Any(r => r.Allows(attributes)) ? AuthorizationDecision.Allow() : AuthorizationDecision.NoOpinion());
}
