using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VirtRigaud.Apiserver.Security;

/// <summary>
/// Authenticates the TLS client certificate (kube-apiserver's x509 authenticator): it must chain to one of the client
/// CAs, be valid now and allow client authentication; the user is its CN and the groups are its O values. No OS trust
/// store is consulted. A certificate that does not verify is a failure (401), not a reason to try other credentials.
/// </summary>
/// <remarks>
/// Building the chain is the expensive part, and every request of a connection presents the same certificate object
/// (Kestrel keeps it per connection), so a successful verdict is remembered per certificate instance (a weak table:
/// it goes with the connection) until the certificate expires or <see cref="VerdictLifetime"/> passes, whichever is
/// first. Failures are not remembered: a bad certificate is verified (and refused) on every request.
/// </remarks>
internal sealed class X509Authenticator : IAuthenticator
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>How long a successful verification of a connection's certificate is reused.</summary>
    internal static readonly TimeSpan VerdictLifetime = TimeSpan.FromMinutes(5);

    private readonly X509Certificate2Collection _authorities;
    private readonly TimeProvider _time;
    private readonly ConditionalWeakTable<X509Certificate2, Verdict> _verdicts = [];
    private long _verifications;

    public X509Authenticator(X509Certificate2Collection authorities, TimeProvider time)
    {
        _authorities = authorities;
        _time = time;
    }

    /// <summary>How many chain verifications this authenticator has done (for tests).</summary>
    internal long Verifications => Interlocked.Read(ref _verifications);

    /// <inheritdoc/>
    public ValueTask<AuthenticationResult> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var certificate = context.Connection.ClientCertificate;
        return ValueTask.FromResult(certificate is null ? AuthenticationResult.NotApplicable : AuthenticateCached(certificate));
    }

    /// <summary>
    /// <see cref="Authenticate"/>, reusing this certificate instance's earlier success while it is fresh (see the
    /// remarks); mutates only the verdict cache.
    /// </summary>
    public AuthenticationResult AuthenticateCached(X509Certificate2 certificate)
    {
        var now = _time.GetUtcNow();
        if (_verdicts.TryGetValue(certificate, out var cached) && now < cached.Expires)
        {
            return cached.Result;
        }

        var result = Authenticate(certificate);
        if (result.User is not null)
        {
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            _verdicts.AddOrUpdate(certificate, new Verdict(result, notAfter < now + VerdictLifetime ? notAfter : now + VerdictLifetime));
        }

        return result;
    }

    /// <summary>Verifies <paramref name="certificate"/> and maps it to a user, every time (no caching); mutates only the verification counter.</summary>
    public AuthenticationResult Authenticate(X509Certificate2 certificate)
    {
        Interlocked.Increment(ref _verifications);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
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

    private sealed record Verdict(AuthenticationResult Result, DateTimeOffset Expires);
}
