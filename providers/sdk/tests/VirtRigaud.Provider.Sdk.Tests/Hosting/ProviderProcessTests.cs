using System.Globalization;
using System.Net;
using System.Text.Json;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.Sdk.Tests.Testing;
using VirtRigaud.Provider.V1;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Sdk.Tests.Hosting;

/// <summary>The SDK hosting a provider as a real process: exit codes, SIGTERM drain, and logs that never carry a secret.</summary>
public sealed class ProviderProcessTests : IDisposable
{
    private const string Password = "Pr0vider-P@ssw0rd-4711";

    private readonly string _directory = Directory.CreateTempSubdirectory("virtrigaud-sdk-process-").FullName;

    public ProviderProcessTests()
    {
        Directory.CreateDirectory(TlsDirectory);
        Directory.CreateDirectory(CredentialsDirectory);
        File.WriteAllText(Path.Combine(CredentialsDirectory, "password"), Password + "\n");
    }

    private string TlsDirectory => Path.Combine(_directory, "tls");

    private string CredentialsDirectory => Path.Combine(_directory, "credentials");

    private string GateFile => Path.Combine(_directory, "power.gate");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Start_UnknownFlag_ExitsTwoWithTheReason()
    {
        await using var provider = ProviderProcess.Start(new Dictionary<string, string>(), "--helth-port", "8080");

        Assert.Equal(ProviderExitCodes.Usage, await provider.WaitForExitAsync());
        Assert.Contains(provider.Lines, l => l.Contains("--helth-port", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_NoTlsMaterial_ExitsThreeSayingWhatToMountOrSet()
    {
        await using var provider = ProviderProcess.Start(new Dictionary<string, string>(), Arguments(FreePorts.Take(2)));

        Assert.Equal(ProviderExitCodes.TlsRefused, await provider.WaitForExitAsync());
        var line = Assert.Single(provider.Lines);
        Assert.Equal(
            $"virtrigaud-provider-sdk-testprovider: TLS material missing at {TlsDirectory} and VIRTRIGAUD_PROVIDER_INSECURE is not set to \"true\"; "
            + $"either provision {TlsDirectory}/{{tls.crt,tls.key,ca.crt}} or set VIRTRIGAUD_PROVIDER_INSECURE=true to opt into plaintext (audit-flagged)",
            line);
    }

    [Fact]
    public async Task Start_PartialTlsMaterial_ExitsThreeNamingTheMissingFilesEvenWhenInsecure()
    {
        await File.WriteAllTextAsync(Path.Combine(TlsDirectory, "tls.crt"), "x");
        await File.WriteAllTextAsync(Path.Combine(TlsDirectory, "ca.crt"), "x");
        await using var provider = ProviderProcess.Start(new Dictionary<string, string> { ["VIRTRIGAUD_PROVIDER_INSECURE"] = "true" }, Arguments(FreePorts.Take(2)));

        Assert.Equal(ProviderExitCodes.TlsRefused, await provider.WaitForExitAsync());
        Assert.Equal(
            $"virtrigaud-provider-sdk-testprovider: TLS material partially present; missing required files: {Path.Combine(TlsDirectory, "tls.key")}",
            Assert.Single(provider.Lines));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public async Task Logs_CarelessProvider_NeverContainTheCredential(string format)
    {
        var ports = FreePorts.Take(2);
        await using var provider = ProviderProcess.Start(Insecure(format), Arguments(ports));
        await provider.WaitForLineAsync("serving gRPC on");
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ports[0].ToString(CultureInfo.InvariantCulture)}");
        var client = new ProviderClient(channel);

        Assert.True((await client.ValidateAsync()).Ok);
        var leak = await Assert.ThrowsAsync<RpcException>(() => client.CreateAsync(new CreateRequest { Name = "leak" }));
        Assert.Equal(StatusCode.Internal, leak.StatusCode);
        Assert.DoesNotContain(Password, leak.Status.Detail, StringComparison.Ordinal);
        await provider.WaitForLineAsync("Create failed unexpectedly");
        Assert.Equal(0, await provider.TerminateAsync());

        var lines = provider.Lines;
        Assert.DoesNotContain(lines, l => l.Contains(Password, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Logging in as admin with password [REDACTED]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Login failed; the password was [REDACTED]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("hypervisor refused login admin:[REDACTED]", StringComparison.Ordinal));
        if (format == "json")
        {
            Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
        }
        else
        {
            Assert.All(lines, l => Assert.StartsWith("time=", l, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Sigterm_InFlightCall_FinishesThenExitsZero()
    {
        var ports = FreePorts.Take(2);
        await using var provider = ProviderProcess.Start(Insecure("text"), Arguments(ports));
        await provider.WaitForLineAsync("serving gRPC on");
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ports[0].ToString(CultureInfo.InvariantCulture)}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[1].ToString(CultureInfo.InvariantCulture)}"), Timeout = Wait.Long };
        await provider.WaitForLineAsync("Provider is ready");
        Assert.Equal("ready", await http.GetStringAsync("/readyz"));
        var power = new ProviderClient(channel).PowerAsync(new PowerRequest { Id = "vm-1", Op = PowerOp.ShutdownGraceful, GracefulTimeoutSeconds = 60 });
        await provider.WaitForLineAsync("power started for vm-1");

        await provider.SendTerminateAsync();
        await provider.WaitForLineAsync("Shutting down");
        using (var readyz = await http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        }

        Assert.False(power.IsCompleted);
        await File.WriteAllTextAsync(GateFile, "open");
        await power.WaitAsync(Wait.Long);
        Assert.Equal(0, await provider.WaitForExitAsync());
        var lines = provider.Lines.ToList();
        Assert.True(
            lines.FindIndex(l => l.Contains("power finished for vm-1", StringComparison.Ordinal)) < lines.FindIndex(l => l.Contains("Provider stopped", StringComparison.Ordinal)),
            string.Join('\n', lines));
    }

    private string[] Arguments(int[] ports) =>
    [
        "--port", ports[0].ToString(CultureInfo.InvariantCulture),
        "--health-port", ports[1].ToString(CultureInfo.InvariantCulture),
        "--bind-address", "127.0.0.1",
        "--tls-dir", TlsDirectory,
        "--credentials-dir", CredentialsDirectory,
    ];

    private Dictionary<string, string> Insecure(string format) => new()
    {
        ["VIRTRIGAUD_PROVIDER_INSECURE"] = "true",
        ["LOG_FORMAT"] = format,
        ["PROVIDER_TYPE"] = "sdk-test",
        ["TESTPROVIDER_GATE_FILE"] = GateFile,
    };
}
