using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VirtRigaud.Apiserver.Security;

/// <summary>
/// Authenticates the TLS client certificate (kube-apiserver's x509 authenticator): it must chain to one of the client
/// CAs, be valid now and allow client authentication; the user is its CN and the groups are its O values. No OS trust
/// store is consulted. A certificate that does not verify is a failure (401), not a reason to try other credentials.
/// </summary>
internal sealed class X509Authenticator : IAuthenticator
{
    private static readonly Oid s_clientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2Collection _authorities;
    private readonly TimeProvider _time;

    public X509Authenticator(X509Certificate2Collection authorities, TimeProvider time)
    {
        _authorities = authorities;
        _time = time;
    }

    /// <inheritdoc/>
    public ValueTask<AuthenticationResult> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var certificate = context.Connection.ClientCertificate;
        return ValueTask.FromResult(certificate is null ? AuthenticationResult.NotApplicable : Authenticate(certificate));
    }

    /// <summary>Verifies <paramref name="certificate"/> and maps it to a user; never mutates anything.</summary>
    public AuthenticationResult Authenticate(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(s_clientAuth);
        if (!chain.Build(certificate))
        {
            var problems = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()));
            return AuthenticationResult.Fail($"client certificate {certificate.Subject} does not verify: {problems}");
        }

        string? user = null;
        var groups = new List<string>();
        // In encoding order, as Go's Subject.Organization lists the groups (.NET enumerates reversed by default).
        foreach (var name in certificate.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            switch (name.GetSingleElementType().Value)
            {
                case "2.5.4.3":
                    user ??= name.GetSingleElementValue();
                    break;
                case "2.5.4.10" when name.GetSingleElementValue() is { Length: > 0 } group:
                    groups.Add(group);
                    break;
            }
        }

        return string.IsNullOrEmpty(user)
            ? AuthenticationResult.Fail($"client certificate {certificate.Subject} has no common name")
            : AuthenticationResult.Success(UserInfo.Create(user, groups));
    }
}
