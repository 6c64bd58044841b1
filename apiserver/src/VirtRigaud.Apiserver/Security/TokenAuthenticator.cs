namespace VirtRigaud.Apiserver.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the static token file. A bearer token that is not
/// in the file is a failure (401) — also when no token file is configured, so that a client with a wrong token learns
/// that its credentials are wrong rather than being served as anonymous.
/// </summary>
internal sealed class TokenAuthenticator : IAuthenticator
{
    private readonly StaticTokenFile _tokens;

    public TokenAuthenticator(StaticTokenFile tokens)
    {
        _tokens = tokens;
    }

    /// <inheritdoc/>
    public ValueTask<AuthenticationResult> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return ValueTask.FromResult(AuthenticationResult.NotApplicable);
        }

        // As k8s.io/apiserver's bearertoken authenticator: the scheme is case-insensitive, other schemes and empty
        // tokens are not ours.
        var value = header.ToString().Trim();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !value[..space].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult(AuthenticationResult.NotApplicable);
        }

        var token = value[(space + 1)..].Trim();
        if (token.Length == 0)
        {
            return ValueTask.FromResult(AuthenticationResult.NotApplicable);
        }

        var user = _tokens.Find(token);
        return ValueTask.FromResult(user is null ? AuthenticationResult.Fail("invalid bearer token") : AuthenticationResult.Success(user));
    }
}
