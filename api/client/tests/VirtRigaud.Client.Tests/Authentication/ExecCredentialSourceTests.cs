using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Client.Authentication;
using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Authentication;

/// <summary>Runs a real plugin (a shell script) the way kubectl would.</summary>
public sealed class ExecCredentialSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly string _runs;
    private readonly string _info;

    public ExecCredentialSourceTests()
    {
        _runs = Path.Combine(_dir.Path, "runs");
        _info = Path.Combine(_dir.Path, "info.json");
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// A plugin that counts its runs, saves KUBERNETES_EXEC_INFO, and prints a token "tok-&lt;run&gt;-$SUFFIX" valid
    /// until 10:05, with the given API version.
    /// </summary>
    private string Plugin(string apiVersion = ExecCredentialSource.V1, string extraStatus = "", int exitCode = 0)
    {
        const string close = "}}";
        var script = $$"""
            #!/bin/sh
            echo run >> "{{_runs}}"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "{{_info}}"
            n=$(wc -l < "{{_runs}}" | tr -d ' ')
            if [ {{exitCode}} -ne 0 ]; then echo "plugin broke on purpose" >&2; exit {{exitCode}}; fi
            cat <<JSON
            {"apiVersion":"{{apiVersion}}","kind":"ExecCredential","status":{"token":"tok-$n-$SUFFIX","expirationTimestamp":"2025-03-01T10:05:00Z"{{extraStatus}}{{close}}
            JSON
            """;
        var path = _dir.Write("plugin.sh", script);
        MakeExecutable(path);
        return path;
    }

    /// <summary>chmod 700 (the plugins are POSIX shell scripts; Windows runs none of these tests' plugins).</summary>
    internal static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private ExecCredentialSource Source(string command, string apiVersion = ExecCredentialSource.V1, bool provideClusterInfo = false) =>
        new(
            new ExecConfig
            {
                Command = command,
                ApiVersion = apiVersion,
                InteractiveMode = ExecInteractiveMode.Never,
                ProvideClusterInfo = provideClusterInfo,
                Env = [new ExecEnvVar { Name = "SUFFIX", Value = "from-env" }],
            },
            new ExecCluster { Server = "https://api.example:6443", TlsServerName = "api.internal" },
            _time,
            NullLogger.Instance);

    private int Runs => File.Exists(_runs) ? File.ReadAllLines(_runs).Length : 0;

    [Fact]
    public async Task GetTokenAsync_BeforeExpiration_RunsThePluginOnce()
    {
        using var source = Source(Plugin());

        Assert.Equal("tok-1-from-env", await source.GetTokenAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("tok-1-from-env", await source.GetTokenAsync(CancellationToken.None));
        Assert.Equal(1, Runs);
    }

    [Fact]
    public async Task GetTokenAsync_AfterExpiration_RunsThePluginAgain()
    {
        using var source = Source(Plugin());
        await source.GetTokenAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("tok-2-from-env", await source.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Invalidate_After401_RunsThePluginAgain()
    {
        using var source = Source(Plugin());
        await source.GetTokenAsync(CancellationToken.None);

        Assert.True(source.Invalidate());

        Assert.Equal("tok-2-from-env", await source.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_ConcurrentCallers_ShareOneRun()
    {
        using var source = Source(Plugin());

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => source.GetTokenAsync(CancellationToken.None).AsTask()));

        Assert.All(tokens, t => Assert.Equal("tok-1-from-env", t));
        Assert.Equal(1, Runs);
    }

    [Theory]
    [InlineData(ExecCredentialSource.V1, false)]
    [InlineData(ExecCredentialSource.V1Beta1, true)]
    public async Task GetTokenAsync_ExecInfo_IsNonInteractiveAndCarriesTheClusterWhenAsked(string apiVersion, bool provideClusterInfo)
    {
        using var source = Source(Plugin(apiVersion), apiVersion, provideClusterInfo);

        await source.GetTokenAsync(CancellationToken.None);

        var info = JsonNode.Parse(File.ReadAllText(_info))!;
        Assert.Equal("ExecCredential", (string?)info["kind"]);
        Assert.Equal(apiVersion, (string?)info["apiVersion"]);
        Assert.False((bool)info["spec"]!["interactive"]!);
        Assert.Equal(provideClusterInfo ? "https://api.example:6443" : null, (string?)info["spec"]!["cluster"]?["server"]);
    }

    [Fact]
    public async Task GetCredentialAsync_CertificateAndKey_AreLoaded()
    {
        using var ca = TestCertificates.CreateCa();
        using var leaf = TestCertificates.Issue(ca, "exec-user");
        var certificate = JsonValue.Create(TestCertificates.CertificatePem(leaf))!.ToJsonString();
        var key = JsonValue.Create(TestCertificates.KeyPem(leaf))!.ToJsonString();
        using var source = Source(Plugin(extraStatus: $",\"clientCertificateData\":{certificate},\"clientKeyData\":{key}"));

        var credential = await source.GetCredentialAsync(CancellationToken.None);

        Assert.Equal("CN=exec-user", credential.Certificate!.Subject);
        Assert.True(credential.Certificate.HasPrivateKey);
        Assert.Same(credential.Certificate, source.CurrentClientCertificate);
        Assert.DoesNotContain("BEGIN", credential.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_PluginFails_ThrowsWithExitCodeAndStderr()
    {
        using var source = Source(Plugin(exitCode: 3));

        var e = await Assert.ThrowsAsync<KubeconfigException>(async () => await source.GetTokenAsync(CancellationToken.None));

        Assert.Contains("exit code 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("plugin broke on purpose", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_PluginAnswersAnotherVersion_Throws()
    {
        using var source = Source(Plugin(ExecCredentialSource.V1Beta1));

        var e = await Assert.ThrowsAsync<KubeconfigException>(async () => await source.GetTokenAsync(CancellationToken.None));

        Assert.Contains("plugin returned version client.authentication.k8s.io/v1beta1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_CommandMissing_ThrowsWithTheInstallHint()
    {
        using var source = new ExecCredentialSource(
            new ExecConfig { Command = Path.Combine(_dir.Path, "no-such-plugin"), ApiVersion = ExecCredentialSource.V1, InteractiveMode = "Never", InstallHint = "install it with brew" },
            null,
            _time,
            NullLogger.Instance);

        var e = await Assert.ThrowsAsync<KubeconfigException>(async () => await source.GetTokenAsync(CancellationToken.None));

        Assert.Contains("install it with brew", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client.authentication.k8s.io/v1alpha1", "Never", "invalid apiVersion")]
    [InlineData(ExecCredentialSource.V1, null, "interactiveMode must be specified")]
    [InlineData(ExecCredentialSource.V1, "Always", "needs a terminal")]
    [InlineData(ExecCredentialSource.V1, "Sometimes", "invalid interactiveMode")]
    public void Constructor_InvalidConfiguration_Throws(string apiVersion, string? interactiveMode, string message)
    {
        var e = Assert.Throws<KubeconfigException>(() => new ExecCredentialSource(
            new ExecConfig { Command = "plugin", ApiVersion = apiVersion, InteractiveMode = interactiveMode }, null, _time, NullLogger.Instance));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
