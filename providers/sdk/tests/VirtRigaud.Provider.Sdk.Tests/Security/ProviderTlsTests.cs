using VirtRigaud.Provider.Sdk.Security;

namespace VirtRigaud.Provider.Sdk.Tests.Security;

public sealed class ProviderTlsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("virtrigaud-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resolve_AllThreeFiles_MutualTlsWhateverTheOptOut(bool insecure)
    {
        Write("tls.crt", "tls.key", "ca.crt");

        var resolution = ProviderTls.Resolve(_directory, insecure);

        Assert.Null(resolution.Error);
        Assert.Equal(ProviderTransportSecurity.MutualTls, resolution.Security);
    }

    [Fact]
    public void Resolve_NoFilesWithOptOut_Insecure()
    {
        var resolution = ProviderTls.Resolve(_directory, insecureOptIn: true);

        Assert.Null(resolution.Error);
        Assert.Equal(ProviderTransportSecurity.Insecure, resolution.Security);
    }

    [Fact]
    public void Resolve_NoFilesNoOptOut_RefusesSayingWhatToMountOrSet()
    {
        var resolution = ProviderTls.Resolve(_directory, insecureOptIn: false);

        Assert.Equal(
            $"TLS material missing at {_directory} and VIRTRIGAUD_PROVIDER_INSECURE is not set to \"true\"; either provision {_directory}/{{tls.crt,tls.key,ca.crt}} "
            + "or set VIRTRIGAUD_PROVIDER_INSECURE=true to opt into plaintext (audit-flagged)",
            resolution.Error);
    }

    [Theory]
    [InlineData("tls.crt")]
    [InlineData("tls.key")]
    [InlineData("ca.crt")]
    [InlineData("tls.crt", "tls.key")]
    public void Resolve_Partial_RefusesNamingTheMissingFilesEvenWithOptOut(params string[] present)
    {
        Write(present);
        var missing = new[] { "tls.crt", "tls.key", "ca.crt" }.Except(present).Select(f => Path.Combine(_directory, f));

        var resolution = ProviderTls.Resolve(_directory, insecureOptIn: true);

        Assert.Equal("TLS material partially present; missing required files: " + string.Join(", ", missing), resolution.Error);
    }

    [Fact]
    public void Resolve_BrokenSymlinkAndDirectory_CountAsMissing()
    {
        Write("tls.crt");
        File.CreateSymbolicLink(Path.Combine(_directory, "tls.key"), Path.Combine(_directory, "..data", "tls.key"));
        Directory.CreateDirectory(Path.Combine(_directory, "ca.crt"));

        var resolution = ProviderTls.Resolve(_directory, insecureOptIn: false);

        Assert.Equal(
            $"TLS material partially present; missing required files: {Path.Combine(_directory, "tls.key")}, {Path.Combine(_directory, "ca.crt")}",
            resolution.Error);
    }

    [Fact]
    public void Resolve_KubeletSymlinks_Present()
    {
        var data = Directory.CreateDirectory(Path.Combine(_directory, "..2025"));
        foreach (var file in new[] { "tls.crt", "tls.key", "ca.crt" })
        {
            File.WriteAllText(Path.Combine(data.FullName, file), "x");
        }

        File.CreateSymbolicLink(Path.Combine(_directory, "..data"), data.Name);
        foreach (var file in new[] { "tls.crt", "tls.key", "ca.crt" })
        {
            File.CreateSymbolicLink(Path.Combine(_directory, file), Path.Combine("..data", file));
        }

        Assert.Null(ProviderTls.Resolve(_directory, insecureOptIn: false).Error);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("True", true)]
    [InlineData("1", false)]
    [InlineData("yes", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsInsecureOptIn_OnlyTheWordTrue(string? value, bool expected) =>
        Assert.Equal(expected, ProviderTls.IsInsecureOptIn(value));

    private void Write(params string[] files)
    {
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(_directory, file), "x");
        }
    }
}
