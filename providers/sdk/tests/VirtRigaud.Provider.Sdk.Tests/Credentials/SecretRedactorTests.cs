using VirtRigaud.Provider.Sdk.Credentials;

namespace VirtRigaud.Provider.Sdk.Tests.Credentials;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_RegisteredValue_MaskedEverywhere()
    {
        var redactor = new SecretRedactor();
        redactor.Register("tok-123456");

        Assert.Equal("a [REDACTED] b [REDACTED]", redactor.Redact("a tok-123456 b tok-123456"));
    }

    [Fact]
    public void Register_ShortValue_NotMaskedToKeepLogsReadable()
    {
        var redactor = new SecretRedactor();
        redactor.Register("root");

        Assert.Equal(0, redactor.Count);
        Assert.Equal("rootfs", redactor.Redact("rootfs"));
    }

    [Fact]
    public void Register_TrailingNewline_TrimmedFormMaskedToo()
    {
        var redactor = new SecretRedactor();
        redactor.Register("s3cret-value\n");

        Assert.Equal("pw=[REDACTED].", redactor.Redact("pw=s3cret-value."));
    }

    [Fact]
    public void Register_MultiLineKey_EachLongLineMasked()
    {
        var redactor = new SecretRedactor();
        redactor.Register("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nshort\n-----END OPENSSH PRIVATE KEY-----\n");

        Assert.Equal("line [REDACTED] x", redactor.Redact("line b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ x"));
        Assert.Equal("short", redactor.Redact("short"));
    }

    [Fact]
    public void Register_ContainedSecrets_LongestMaskedWhole()
    {
        var redactor = new SecretRedactor();
        redactor.Register("abcdef");
        redactor.Register("abcdefghij");

        Assert.Equal("[REDACTED] [REDACTED]", redactor.Redact("abcdefghij abcdef"));
    }

    [Fact]
    public void Register_BeyondCapacity_OldestForgotten()
    {
        var redactor = new SecretRedactor();
        for (var i = 0; i < SecretRedactor.Capacity + 1; i++)
        {
            redactor.Register(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"secret-{i:D6}"));
        }

        Assert.Equal(SecretRedactor.Capacity, redactor.Count);
        Assert.Equal("secret-000000", redactor.Redact("secret-000000"));
        Assert.Equal("[REDACTED]", redactor.Redact("secret-000001"));
    }
}
