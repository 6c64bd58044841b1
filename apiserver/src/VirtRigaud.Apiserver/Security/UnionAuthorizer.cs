namespace VirtRigaud.Apiserver.Security;

/// <summary>Asks authorizers in order; the first that allows or denies decides, and no opinion from all of them is no opinion.</summary>
internal sealed class UnionAuthorizer : IAuthorizer
{
    private readonly IReadOnlyList<IAuthorizer> _authorizers;

    public UnionAuthorizer(IReadOnlyList<IAuthorizer> authorizers)
    {
        _authorizers = authorizers;
    }

    /// <inheritdoc/>
    public async ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        foreach (var authorizer in _authorizers)
        {
            var decision = await authorizer.AuthorizeAsync(attributes, cancellationToken).ConfigureAwait(false);
            if (decision.Verdict != AuthorizationVerdict.NoOpinion)
            {
                return decision;
            }

            if (decision.Reason.Length > 0)
            {
                reasons.Add(decision.Reason);
            }
        }

        return AuthorizationDecision.NoOpinion(string.Join(", ", reasons));
    }
}
