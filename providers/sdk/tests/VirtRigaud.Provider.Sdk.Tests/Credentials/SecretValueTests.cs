using VirtRigaud.Provider.Sdk.Credentials;

namespace VirtRigaud.Provider.Sdk.Tests.Credentials;

public sealed class SecretValueTests
{
    [Fact]
    public void ToString_AndInterpolation_PrintTheMask()
    {
        var secret = new SecretValue("p@ssw0rd-value");

        Assert.Equal("[REDACTED]", secret.ToString());
        Assert.Equal("password=[REDACTED]", $"password={secret}");
    }

    [Fact]
    public void Reveal_ReturnsCopies()
    {
        var secret = new SecretValue([1, 2, 3]);
        var bytes = secret.RevealBytes();
        bytes[0] = 9;

        Assert.Equal(new byte[] { 1, 2, 3 }, secret.RevealBytes());
    }

    [Fact]
    public void Equals_ComparesValues()
    {
        Assert.Equal(new SecretValue("abc"), new SecretValue("abc"));
        Assert.NotEqual(new SecretValue("abc"), new SecretValue("abd"));
        Assert.NotEqual(new SecretValue("abc"), new SecretValue("abcd"));
    }
}
