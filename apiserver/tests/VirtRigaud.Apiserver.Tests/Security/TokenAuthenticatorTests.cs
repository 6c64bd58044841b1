using Microsoft.AspNetCore.Http;
using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Tests.Security;

public sealed class TokenAuthenticatorTests
{
    private readonly TokenAuthenticator _authenticator = new(StaticTokenFile.Parse("good,alice,1001,dev", "tokens.csv"));

    [Theory]
    [InlineData(null)]
    [InlineData("Basic YWxpY2U6cGFzcw==")]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    public async Task AuthenticateAsync_NoBearerToken_NotApplicable(string? header)
    {
        var result = await _authenticator.AuthenticateAsync(Context(header), CancellationToken.None);

        Assert.False(result.Applies);
    }

    [Theory]
    [InlineData("Bearer good")]
    [InlineData("bearer good")]
    [InlineData("BEARER  good ")]
    public async Task AuthenticateAsync_KnownToken_ReturnsUser(string header)
    {
        var result = await _authenticator.AuthenticateAsync(Context(header), CancellationToken.None);

        Assert.Equal("alice", result.User?.Name);
        Assert.Equal(["dev", UserInfo.Authenticated], result.User?.Groups);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownToken_Fails()
    {
        var result = await _authenticator.AuthenticateAsync(Context("Bearer bad"), CancellationToken.None);

        Assert.True(result.Applies);
        Assert.Null(result.User);
    }

    [Fact]
    public async Task AuthenticateAsync_NoTokenFile_FailsEveryToken()
    {
        var result = await new TokenAuthenticator(StaticTokenFile.Empty).AuthenticateAsync(Context("Bearer good"), CancellationToken.None);

        Assert.True(result.Applies);
        Assert.Null(result.User);
    }

    private static DefaultHttpContext Context(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }
}
