using VirtRigaud.Manager;

namespace VirtRigaud.Controllers.Tests.Manager;

public sealed class ManagerCommandTests
{
    private static async Task<(int Code, ManagerOptions? Options, string Error)> ParseAsync(params string[] args)
    {
        ManagerOptions? captured = null;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ManagerCommand.InvokeAsync(args, output, error, CancellationToken.None, (options, _) =>
        {
            captured = options;
            return Task.FromResult(ManagerExitCodes.Success);
        });
        return (code, captured, error.ToString());
    }

    [Fact]
    public async Task InvokeAsync_NoFlags_UpstreamDefaults()
    {
        var (code, options, _) = await ParseAsync();

        Assert.Equal(ManagerExitCodes.Success, code);
        Assert.Equal(":8080", options!.MetricsBindAddress);
        Assert.Equal(":8081", options.HealthProbeBindAddress);
        Assert.False(options.LeaderElect);
        Assert.Equal("8da97394.virtrigaud.io", options.LeaderElectionId);
        Assert.Empty(options.Workers);
        Assert.Equal(TimeSpan.FromMinutes(10), options.ResyncPeriod);
        Assert.Equal(TimeSpan.FromSeconds(60), options.CircuitBreakerResetTimeout);
        Assert.Equal(("info", "text"), (options.LogLevel, options.LogFormat));
        Assert.Same(options, options.Validate());
    }

    [Fact]
    public async Task InvokeAsync_EveryFlag_MappedToOptions()
    {
        var (code, options, error) = await ParseAsync(
            "--metrics-bind-address=127.0.0.1:9090", "--health-probe-bind-address", "0.0.0.0:9091", "--leader-elect", "--leader-election-namespace=ops",
            "--kubeconfig=/etc/kube/config", "--namespace=tenant-a", "--workers", "VirtualMachine=20,Provider=2", "--enforce-provider-capabilities",
            "--migration-storage-allowed-hosts=10.0.0.0/8, 192.168.1.10", "--provider-binary-dir=/opt/providers", "--local-provider-state-dir=/var/lib/vr",
            "--resync-period=1h30m", "--circuit-breaker-reset-timeout=5s", "--kube-api-qps=100", "--kube-api-burst=200", "--log-level=debug", "--log-format=json");

        Assert.True(code == ManagerExitCodes.Success, error);
        Assert.Equal("127.0.0.1:9090", options!.MetricsBindAddress);
        Assert.Equal("0.0.0.0:9091", options.HealthProbeBindAddress);
        Assert.True(options.LeaderElect);
        Assert.Equal("ops", options.LeaderElectionNamespace);
        Assert.Equal("/etc/kube/config", options.Kubeconfig);
        Assert.Equal("tenant-a", options.Namespace);
        Assert.Equal(new Dictionary<string, int> { ["VirtualMachine"] = 20, ["Provider"] = 2 }, options.Workers);
        Assert.True(options.EnforceProviderCapabilities);
        Assert.Equal(["10.0.0.0/8", "192.168.1.10"], options.MigrationStorageAllowedHosts);
        Assert.Equal("/opt/providers", options.ProviderBinaryDirectory);
        Assert.Equal("/var/lib/vr", options.LocalProviderStateDirectory);
        Assert.Equal(TimeSpan.FromMinutes(90), options.ResyncPeriod);
        Assert.Equal(TimeSpan.FromSeconds(5), options.CircuitBreakerResetTimeout);
        Assert.Equal((100f, 200), (options.KubeApiQps, options.KubeApiBurst));
        Assert.Equal(("debug", "json"), (options.LogLevel, options.LogFormat));
        options.Validate();
    }

    [Theory]
    [InlineData("--workers", "VirtualMachine=0")]
    [InlineData("--workers", "VirtualMachine")]
    [InlineData("--resync-period", "ten minutes")]
    [InlineData("--log-level", "verbose")]
    [InlineData("--no-such-flag", "1")]
    public async Task InvokeAsync_BadFlag_UsageExitCodeAndReason(string flag, string value)
    {
        var (code, options, error) = await ParseAsync(flag, value);

        Assert.Equal(ManagerExitCodes.Usage, code);
        Assert.Null(options);
        Assert.StartsWith("virtrigaud-manager: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MetricsBindAddress", "8080")]
    [InlineData("MigrationStorageAllowedHosts", "not-an-ip")]
    [InlineData("HealthProbeBindAddress", "0")]
    public void Validate_BadValue_ThrowsNamingTheFlag(string property, string value)
    {
        var options = property switch
        {
            "MetricsBindAddress" => new ManagerOptions { MetricsBindAddress = value },
            "HealthProbeBindAddress" => new ManagerOptions { HealthProbeBindAddress = value },
            _ => new ManagerOptions { MigrationStorageAllowedHosts = [value] },
        };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("--", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_Version_PrintsAndExitsZero()
    {
        using var output = new StringWriter();
        var code = await ManagerCommand.InvokeAsync(["--version"], output, TextWriter.Null, CancellationToken.None, (_, _) => Task.FromResult(99));

        Assert.Equal(ManagerExitCodes.Success, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.ToString());
    }
}
