using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.Sdk.Logging;
using VirtRigaud.Provider.Sdk.Tests.Testing;

namespace VirtRigaud.Provider.Sdk.Tests.Hosting;

public sealed class ProviderConfigurationTests
{
    [Fact]
    public void ApplyEnvironment_EveryUpstreamVariable_Read()
    {
        var errors = new List<string>();
        var options = ProviderConfiguration.ApplyEnvironment(new ProviderRuntimeOptions(), Environment(new()
        {
            ["PROVIDER_TYPE"] = "vsphere",
            ["PROVIDER_ENDPOINT"] = "https://vcenter.example/sdk",
            ["PROVIDER_NAMESPACE"] = "virtrigaud-system",
            ["PROVIDER_NAME"] = "vsphere-prod",
            ["TLS_ENABLED"] = "true",
            ["TLS_INSECURE_SKIP_VERIFY"] = "True",
            ["LOG_LEVEL"] = "debug",
            ["LOG_FORMAT"] = "json",
            ["PROVIDER_DEFAULT_DATASTORE"] = "ds1",
            ["PROVIDER_DEFAULT_STORAGE_POD"] = "pod1",
            ["PROVIDER_DEFAULT_CLUSTER"] = "cl1",
            ["PROVIDER_DEFAULT_FOLDER"] = "vms/prod",
            ["VIRTRIGAUD_PROVIDER_ALLOWED_SANS"] = "manager.virtrigaud-system.svc, virtrigaud-manager",
            ["VIRTRIGAUD_PROVIDER_INSECURE"] = " TRUE ",
        }), errors);

        Assert.Empty(errors);
        Assert.Equal("vsphere", options.ProviderType);
        Assert.Equal("https://vcenter.example/sdk", options.ProviderEndpoint);
        Assert.Equal("virtrigaud-system", options.ProviderNamespace);
        Assert.Equal("vsphere-prod", options.ProviderName);
        Assert.True(options.TlsEnabled);
        Assert.True(options.TlsInsecureSkipVerify);
        Assert.Equal(LogLevel.Debug, options.LogLevel);
        Assert.Equal(ProviderLogFormat.Json, options.LogFormat);
        Assert.Equal(new ProviderDefaults { Datastore = "ds1", StoragePod = "pod1", Cluster = "cl1", Folder = "vms/prod" }, options.Defaults);
        Assert.Equal(["manager.virtrigaud-system.svc", "virtrigaud-manager"], options.AllowedSans);
        Assert.True(options.InsecureOptIn);
    }

    [Fact]
    public void ApplyEnvironment_Nothing_UpstreamDefaults()
    {
        var errors = new List<string>();
        var options = ProviderConfiguration.ApplyEnvironment(new ProviderRuntimeOptions(), ProviderEnvironment.Empty, errors);

        Assert.Empty(errors);
        Assert.Equal(9443, options.Port);
        Assert.Equal(8080, options.HealthPort);
        Assert.Equal("/etc/virtrigaud/credentials", options.CredentialsDirectory);
        Assert.Equal("/etc/virtrigaud/tls", options.TlsDirectory);
        Assert.Equal("0.0.0.0", options.BindAddress);
        Assert.Null(options.TlsEnabled);
        Assert.False(options.TlsInsecureSkipVerify);
        Assert.Equal(LogLevel.Information, options.LogLevel);
        Assert.Equal(ProviderLogFormat.Text, options.LogFormat);
        Assert.Empty(options.AllowedSans);
        Assert.False(options.InsecureOptIn);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ShutdownGracePeriod);
    }

    [Theory]
    [InlineData("LOG_LEVEL", "verbose", "LOG_LEVEL=verbose is not one of debug, info, warn, error")]
    [InlineData("LOG_FORMAT", "xml", "LOG_FORMAT=xml is not one of text, json")]
    [InlineData("TLS_ENABLED", "yes", "TLS_ENABLED=yes is not a boolean (true or false)")]
    [InlineData("TLS_INSECURE_SKIP_VERIFY", "on", "TLS_INSECURE_SKIP_VERIFY=on is not a boolean (true or false)")]
    public void ApplyEnvironment_BadValue_Error(string name, string value, string error)
    {
        var errors = new List<string>();
        ProviderConfiguration.ApplyEnvironment(new ProviderRuntimeOptions(), Environment(new() { [name] = value }), errors);

        Assert.Equal([error], errors);
    }

    [Fact]
    public async Task RunAsync_UnknownFlag_ExitsTwoWithTheReason()
    {
        var (code, output, error) = await RunAsync(["--prot", "9443"], ProviderEnvironment.Empty);

        Assert.Equal(ProviderExitCodes.Usage, code);
        Assert.Contains("--prot", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--port", "99999")]
    [InlineData("--health-port", "-1")]
    [InlineData("--port", "http")]
    public async Task RunAsync_BadPort_ExitsTwo(string flag, string value)
    {
        var (code, _, error) = await RunAsync([flag, value], ProviderEnvironment.Empty);

        Assert.Equal(ProviderExitCodes.Usage, code);
        Assert.Contains(flag, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadEnvironment_ExitsTwoNamingTheVariable()
    {
        var (code, _, error) = await RunAsync([], Environment(new() { ["LOG_LEVEL"] = "loud" }));

        Assert.Equal(ProviderExitCodes.Usage, code);
        Assert.Contains("LOG_LEVEL=loud", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ExitsZeroListingFlagsAndVariables()
    {
        var (code, output, _) = await RunAsync(["--help"], ProviderEnvironment.Empty);

        Assert.Equal(ProviderExitCodes.Success, code);
        foreach (var text in new[] { "--port", "--health-port", "--credentials-dir", "--tls-dir", "--bind-address", "VIRTRIGAUD_PROVIDER_INSECURE" })
        {
            Assert.Contains(text, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_NoTlsMaterial_ExitsThreeWithTheUpstreamMessage()
    {
        var tls = Directory.CreateTempSubdirectory("virtrigaud-empty-tls-").FullName;
        try
        {
            var (code, _, error) = await RunAsync(["--tls-dir", tls, "--port", "0", "--health-port", "0"], ProviderEnvironment.Empty);

            Assert.Equal(ProviderExitCodes.TlsRefused, code);
            Assert.Contains($"TLS material missing at {tls} and VIRTRIGAUD_PROVIDER_INSECURE is not set to \"true\"", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(tls);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args, ProviderEnvironment environment)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ProviderHost.RunAsync(
            args,
            services => services.AddSingleton<ProviderServiceBase, TestProviderService>(),
            environment,
            output,
            error,
            Wait.Token());
        return (code, output.ToString(), error.ToString());
    }

    private static ProviderEnvironment Environment(Dictionary<string, string> variables) => new(variables);
}
