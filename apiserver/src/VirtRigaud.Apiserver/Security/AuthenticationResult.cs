namespace VirtRigaud.Apiserver.Security;

/// <summary>The outcome of one <see cref="IAuthenticator"/>.</summary>
public readonly record struct AuthenticationResult(UserInfo? User, string? Error)
{
    public static AuthenticationResult NotApplicable => default;

    public bool Applies => User is not null || Error is not null;

    public static AuthenticationResult Success(UserInfo user) => new(user, null);

    /// <summary>Credentials were presented but are not valid; <paramref name="error"/> is logged, never sent to the client.</summary>
    public static AuthenticationResult Fail(string error) => new(null, error);
}
