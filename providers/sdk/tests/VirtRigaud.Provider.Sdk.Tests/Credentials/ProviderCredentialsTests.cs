using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Sdk.Tests.Credentials;

public sealed class ProviderCredentialsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("virtrigaud-credentials-").FullName;
    private readonly SecretRedactor _redactor = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TryGet_PresentKey_ReturnsTheBytesAsStoredAndRegistersThem()
    {
        File.WriteAllText(Path.Combine(_directory, "password"), "hunter2-long\n");
        var credentials = Create();

        Assert.True(credentials.TryGet("password", out var value));

        Assert.Equal("hunter2-long\n", value.RevealString());
        Assert.Equal("hunter2-long", value.RevealTrimmedString());
        Assert.Equal("login [REDACTED] ok", _redactor.Redact("login hunter2-long ok"));
    }

    [Fact]
    public void TryGet_MissingKeyOrDirectory_False()
    {
        Assert.False(Create().TryGet("password", out _));
        Assert.False(new ProviderCredentials(Path.Combine(_directory, "absent"), ProviderEnvironment.Empty, _redactor).TryGet("password", out _));
    }

    [Fact]
    public void TryGet_EmptyFile_PresentAndEmpty()
    {
        File.WriteAllBytes(Path.Combine(_directory, "token"), []);

        Assert.True(Create().TryGet("token", out var value));
        Assert.Equal(0, value.Length);
        Assert.True(value.IsEmptyOrWhiteSpace);
    }

    [Fact]
    public void Get_MissingKey_FailedPreconditionNamingKeyAndDirectory()
    {
        var e = Assert.Throws<ProviderException>(() => Create().Get("username"));

        Assert.Equal(StatusCode.FailedPrecondition, e.Code);
        Assert.Contains("\"username\"", e.Message, StringComparison.Ordinal);
        Assert.Contains(_directory, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("white space")]
    public void TryGet_InvalidKey_Refused(string key) =>
        Assert.Throws<ArgumentException>(() => Create().TryGet(key, out _));

    [Fact]
    public void TryGet_KubeletLayout_FollowsTheDataLinkAndSeesRotation()
    {
        // A Secret volume: <key> -> ..data/<key>, ..data -> ..<timestamp>; the kubelet rotates by pointing ..data elsewhere.
        var first = Directory.CreateDirectory(Path.Combine(_directory, "..2025_01_01"));
        File.WriteAllText(Path.Combine(first.FullName, "password"), "first-password");
        File.CreateSymbolicLink(Path.Combine(_directory, "..data"), first.Name);
        File.CreateSymbolicLink(Path.Combine(_directory, "password"), Path.Combine("..data", "password"));
        var credentials = Create();
        Assert.Equal("first-password", credentials.GetString("password"));

        var second = Directory.CreateDirectory(Path.Combine(_directory, "..2025_01_02"));
        File.WriteAllText(Path.Combine(second.FullName, "password"), "second-password");
        File.Delete(Path.Combine(_directory, "..data"));
        File.CreateSymbolicLink(Path.Combine(_directory, "..data"), second.Name);

        Assert.Equal("second-password", credentials.GetString("password"));
        Assert.Equal(["password"], credentials.ListKeys());
    }

    [Fact]
    public void TryGetFromEnvironmentOrFile_EnvironmentWinsInTheOrderGiven()
    {
        File.WriteAllText(Path.Combine(_directory, "password"), "from-file-secret");
        var environment = new ProviderEnvironment(new Dictionary<string, string>
        {
            ["PVE_PASSWORD"] = "from-pve-secret",
            ["PROVIDER_PASSWORD"] = "  ",
        });
        var credentials = new ProviderCredentials(_directory, environment, _redactor);

        Assert.Equal("from-pve-secret", credentials.GetFromEnvironmentOrFile("password", "PROVIDER_PASSWORD", "PVE_PASSWORD").RevealString());
        Assert.Equal("from-file-secret", credentials.GetFromEnvironmentOrFile("password", "LIBVIRT_PASSWORD").RevealString());
        Assert.Equal("[REDACTED] [REDACTED]", _redactor.Redact("from-pve-secret from-file-secret"));
    }

    [Fact]
    public void GetFromEnvironmentOrFile_Nowhere_NamesKeyAndVariables()
    {
        var e = Assert.Throws<ProviderException>(() => Create().GetFromEnvironmentOrFile("token_id", "PROVIDER_TOKEN_ID", "PVE_TOKEN_ID"));

        Assert.Contains("PROVIDER_TOKEN_ID or PVE_TOKEN_ID", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListKeys_HiddenEntriesAndDirectories_AreNotKeys()
    {
        File.WriteAllText(Path.Combine(_directory, "username"), "u");
        File.WriteAllText(Path.Combine(_directory, "known_hosts"), "h");
        File.WriteAllText(Path.Combine(_directory, ".hidden"), "x");
        Directory.CreateDirectory(Path.Combine(_directory, "subdir"));

        Assert.Equal(["known_hosts", "username"], Create().ListKeys());
    }

    [Fact]
    public void Protect_RegistersForRedaction()
    {
        var value = Create().Protect("request-scoped-secret");

        Assert.Equal("[REDACTED]", value.ToString());
        Assert.Equal("key=[REDACTED]", _redactor.Redact("key=request-scoped-secret"));
    }

    private ProviderCredentials Create() => new(_directory, ProviderEnvironment.Empty, _redactor);
}
