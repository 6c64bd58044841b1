namespace VirtRigaud.Apiserver.Security;

/// <summary>
/// One way of establishing who sent a request (client certificate, bearer token, front-proxy headers…). The server
/// asks each registered authenticator in order; the first that recognises the request decides.
/// </summary>
public interface IAuthenticator
{
    /// <summary>
    /// <see cref="AuthenticationResult.NotApplicable"/> when the request carries nothing this authenticator handles;
    /// a user when it does and the credentials are good; <see cref="AuthenticationResult.Fail"/> (answered with 401)
    /// when they are present but bad.
    /// </summary>
    ValueTask<AuthenticationResult> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken);
}
