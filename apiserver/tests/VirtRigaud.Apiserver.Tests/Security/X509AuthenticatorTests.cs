using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using VirtRigaud.Apiserver.Security;
using VirtRigaud.Apiserver.Security.Certificates;

namespace VirtRigaud.Apiserver.Tests.Security;

public sealed class X509AuthenticatorTests : IDisposable
{
    private static readonly DateTimeOffset FixedNow = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CertificateAuthority _ca = CertificateAuthority.Create("test-ca", FixedNow, TimeSpan.FromDays(10));
    private readonly ManualTimeProvider _time = new(FixedNow);
    private readonly X509Authenticator _authenticator;

    public X509AuthenticatorTests()
    {
        _authenticator = new X509Authenticator([_ca.Certificate], _time);
    }

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void Authenticate_CertificateFromClientCa_UserIsCnAndGroupsAreO()
    {
        using var certificate = _ca.IssueClient("carol", ["dev", "ops"], FixedNow, TimeSpan.FromDays(1));

        var result = _authenticator.Authenticate(certificate);

        Assert.Equal("carol", result.User?.Name);
        Assert.Equal(["dev", "ops", UserInfo.Authenticated], result.User?.Groups);
    }

    [Fact]
    public void Authenticate_CertificateFromAnotherCa_Fails()
    {
        using var other = CertificateAuthority.Create("other-ca", FixedNow, TimeSpan.FromDays(10));
        using var certificate = other.IssueClient("admin", [UserInfo.Masters], FixedNow, TimeSpan.FromDays(1));

        var result = _authenticator.Authenticate(certificate);

        Assert.True(result.Applies);
        Assert.Null(result.User);
    }

    [Fact]
    public void Authenticate_ExpiredCertificate_Fails()
    {
        using var certificate = _ca.IssueClient("carol", [], FixedNow, TimeSpan.FromDays(1));
        _time.Now = FixedNow.AddDays(2);

        var result = _authenticator.Authenticate(certificate);

        Assert.Null(result.User);
        Assert.Contains("NotTimeValid", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Authenticate_ServingCertificate_FailsForLackOfClientUsage()
    {
        using var certificate = _ca.IssueServing(["localhost"], [IPAddress.Loopback], FixedNow, TimeSpan.FromDays(1));

        var result = _authenticator.Authenticate(certificate);

        Assert.Null(result.User);
    }

    [Fact]
    public void Authenticate_NoCommonName_Fails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("dev");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.Create(_ca.Certificate, FixedNow, FixedNow.AddDays(1), [1, 2, 3]);

        var result = _authenticator.Authenticate(certificate);

        Assert.Null(result.User);
        Assert.Contains("no common name", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_SecondRequestOnSameConnection_DoesNotVerifyAgain()
    {
        using var certificate = _ca.IssueClient("carol", ["dev"], FixedNow, TimeSpan.FromDays(1));
        var first = Request(certificate);
        var second = Request(certificate);

        var a = await _authenticator.AuthenticateAsync(first, CancellationToken.None);
        var b = await _authenticator.AuthenticateAsync(second, CancellationToken.None);

        Assert.Equal("carol", a.User?.Name);
        Assert.Equal(a, b);
        Assert.Equal(1, _authenticator.Verifications);
    }

    [Fact]
    public async Task AuthenticateAsync_CachedCertificateThatExpired_IsRefused()
    {
        using var certificate = _ca.IssueClient("carol", [], FixedNow, TimeSpan.FromMinutes(2));
        var accepted = await _authenticator.AuthenticateAsync(Request(certificate), CancellationToken.None);
        _time.Now = FixedNow.AddMinutes(3);

        var refused = await _authenticator.AuthenticateAsync(Request(certificate), CancellationToken.None);

        Assert.NotNull(accepted.User);
        Assert.Null(refused.User);
        Assert.Contains("NotTimeValid", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_AfterVerdictLifetime_VerifiesAgain()
    {
        using var certificate = _ca.IssueClient("carol", [], FixedNow, TimeSpan.FromDays(1));
        await _authenticator.AuthenticateAsync(Request(certificate), CancellationToken.None);
        _time.Now = FixedNow + X509Authenticator.VerdictLifetime;

        var result = await _authenticator.AuthenticateAsync(Request(certificate), CancellationToken.None);

        Assert.NotNull(result.User);
        Assert.Equal(2, _authenticator.Verifications);
    }

    [Fact]
    public async Task AuthenticateAsync_BadCertificate_IsRefusedOnEveryRequest()
    {
        using var other = CertificateAuthority.Create("other-ca", FixedNow, TimeSpan.FromDays(10));
        using var certificate = other.IssueClient("admin", [UserInfo.Masters], FixedNow, TimeSpan.FromDays(1));

        var first = await _authenticator.AuthenticateAsync(Request(certificate), CancellationToken.None);
        var second = await _authenticator.AuthenticateAsync(Request(certificate), CancellationToken.None);

        Assert.Null(first.User);
        Assert.Null(second.User);
        Assert.Equal(2, _authenticator.Verifications);
    }

    private static DefaultHttpContext Request(X509Certificate2 certificate)
    {
        var context = new DefaultHttpContext();
        context.Connection.ClientCertificate = certificate;
        return context;
    }
}
