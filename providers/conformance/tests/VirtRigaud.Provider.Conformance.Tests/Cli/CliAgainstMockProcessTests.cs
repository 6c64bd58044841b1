using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using VirtRigaud.Grpc.Security;
using VirtRigaud.Provider.Conformance.Cli;
using VirtRigaud.Provider.Conformance.Tests.Testing;

namespace VirtRigaud.Provider.Conformance.Tests.Cli;

/// <summary>
/// The way <c>make conformance-mock</c> runs it: <c>virtrigaud-provider-mock</c> as a process on a free port, and
/// <c>virtrigaud-provider-conformance</c> as a process against it — over mutual TLS with the one Secret both ends share
/// (as the upstream manager and provider do), and over h2c.
/// </summary>
public sealed partial class CliAgainstMockProcessTests
{
    /// <summary>The name the manager dials a provider by (upstream: virtrigaud-provider-&lt;ns&gt;-&lt;name&gt;.&lt;ns&gt;.svc.cluster.local).</summary>
    private const string ServiceName = "virtrigaud-provider-default-mock.default.svc.cluster.local";

    [Fact]
    public async Task Run_MockOverMutualTls_EveryCasePassesAndJUnitWritten()
    {
        using var directory = new TemporaryDirectory();
        var tls = directory.Sub("tls");
        using (var authority = TestCertificateAuthority.Create())
        {
            // One certificate for both ends, valid for serverAuth and clientAuth, as the Provider's TLS Secret.
            using var leaf = authority.Issue(
                ServiceName, CertificateUsages.ServerAuthentication | CertificateUsages.ClientAuthentication, [ServiceName, "localhost"], [IPAddress.Loopback]);
            authority.WritePemFiles(leaf, tls);
        }

        using var mock = StartMock(directory, tlsDirectory: tls, insecure: false, faults: null);
        var address = await ListeningAddressAsync(mock, "https");
        var inputs = WriteInputs(directory);
        var report = Path.Combine(directory.Path, "reports", "conformance.xml");

        using var run = ChildProcess.Start(
            "virtrigaud-provider-conformance",
            new Dictionary<string, string>(),
            "--address", address,
            "--tls",
            "--ca", Path.Combine(tls, "ca.crt"),
            "--cert", Path.Combine(tls, "tls.crt"),
            "--key", Path.Combine(tls, "tls.key"),
            "--server-name", ServiceName,
            "--inputs", inputs,
            "--junit", report);
        var code = await run.WaitForExitAsync(Wait.Run);

        Assert.True(code == ConformanceCommandLine.ExitPassed, run.Output);
        Assert.Contains("(mutual TLS)", run.Output, StringComparison.Ordinal);
        foreach (var name in ConformanceCases.Names)
        {
            Assert.Matches(new Regex($"^PASS {Regex.Escape(name)} \\(\\d+ ms\\)", RegexOptions.Multiline), run.Output);
        }

        Assert.Contains($"{ConformanceCases.Names.Count} passed, 0 failed, 0 skipped", run.Output, StringComparison.Ordinal);
        var suite = XDocument.Load(report).Root!.Element("testsuite")!;
        Assert.Equal(ConformanceCases.Names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)suite.Attribute("tests"));
        Assert.Equal("0", (string?)suite.Attribute("failures"));
        Assert.Equal(address, (string?)suite.Attribute("name"));
    }

    [Fact]
    public async Task Run_ClientNotOnTheProvidersSanAllowList_ExitTwoPermissionDenied()
    {
        using var directory = new TemporaryDirectory();
        var tls = directory.Sub("tls");
        var client = directory.Sub("client");
        using (var authority = TestCertificateAuthority.Create())
        {
            using var server = authority.Issue(
                ServiceName, CertificateUsages.ServerAuthentication | CertificateUsages.ClientAuthentication, [ServiceName], [IPAddress.Loopback]);
            authority.WritePemFiles(server, tls);
            using var stranger = authority.IssueClientCertificate("someone-else");
            authority.WritePemFiles(stranger, client);
        }

        using var mock = StartMock(directory, tlsDirectory: tls, insecure: false, faults: null);
        var address = await ListeningAddressAsync(mock, "https");

        using var run = ChildProcess.Start(
            "virtrigaud-provider-conformance",
            new Dictionary<string, string>(),
            "--address", address, "--tls", "--ca", Path.Combine(client, "ca.crt"), "--cert", Path.Combine(client, "tls.crt"),
            "--key", Path.Combine(client, "tls.key"), "--server-name", ServiceName);
        var code = await run.WaitForExitAsync(Wait.Long);

        Assert.True(code == ConformanceCommandLine.ExitUsage, run.Output);
        Assert.Contains("(mutual TLS): PermissionDenied", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MockOverH2c_SelectedCasesPass()
    {
        using var directory = new TemporaryDirectory();
        using var mock = StartMock(directory, tlsDirectory: directory.Sub("no-tls"), insecure: true, faults: null);
        var address = await ListeningAddressAsync(mock, "http");

        using var run = ChildProcess.Start(
            "virtrigaud-provider-conformance",
            new Dictionary<string, string>(),
            "--address", address, "--insecure", "--inputs", WriteInputs(directory), "--cases", "validate,capabilities,create-idempotent,error-codes");
        var code = await run.WaitForExitAsync(Wait.Run);

        Assert.True(code == ConformanceCommandLine.ExitPassed, run.Output);
        Assert.Contains("(h2c)", run.Output, StringComparison.Ordinal);
        Assert.Contains("4 passed, 0 failed, 0 skipped", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ProviderFailsAnRpc_ExitOneAndFailureInJUnit()
    {
        using var directory = new TemporaryDirectory();
        const string faults = """{ "rpcs": { "ListVMs": { "failAlways": true, "code": "INTERNAL", "message": "injected" } } }""";
        using var mock = StartMock(directory, tlsDirectory: directory.Sub("no-tls"), insecure: true, faults);
        var address = await ListeningAddressAsync(mock, "http");
        var report = Path.Combine(directory.Path, "junit.xml");

        using var run = ChildProcess.Start(
            "virtrigaud-provider-conformance",
            new Dictionary<string, string>(),
            "--address", address, "--insecure", "--inputs", WriteInputs(directory), "--cases", "validate,list-vms", "--junit", report);
        var code = await run.WaitForExitAsync(Wait.Run);

        Assert.True(code == ConformanceCommandLine.ExitFailed, run.Output);
        Assert.Matches(new Regex("^PASS validate ", RegexOptions.Multiline), run.Output);
        Assert.Matches(new Regex("^FAIL list-vms .*unexpected Internal", RegexOptions.Multiline), run.Output);
        Assert.Contains("1 passed, 1 failed, 0 skipped", run.Output, StringComparison.Ordinal);
        var failure = XDocument.Load(report).Descendants("testcase").Single(c => (string?)c.Attribute("name") == "list-vms").Element("failure")!;
        Assert.Equal("rpc:Internal", (string?)failure.Attribute("type"));
    }

    /// <summary>Starts the mock on free ports (port 0) with its files under <paramref name="directory"/>.</summary>
    private static ChildProcess StartMock(TemporaryDirectory directory, string tlsDirectory, bool insecure, string? faults)
    {
        var environment = new Dictionary<string, string>
        {
            ["PROVIDER_TYPE"] = "mock",
            ["LOG_FORMAT"] = "text",
            ["LOG_LEVEL"] = "info",
        };
        if (insecure)
        {
            environment["VIRTRIGAUD_PROVIDER_INSECURE"] = "true";
        }
        else
        {
            environment["VIRTRIGAUD_PROVIDER_ALLOWED_SANS"] = ServiceName;
        }

        List<string> arguments =
        [
            "--port", "0", "--health-port", "0", "--bind-address", "127.0.0.1",
            "--tls-dir", tlsDirectory, "--credentials-dir", directory.Sub("credentials"),
            "--data-dir", directory.Sub("data"), "--migration-storage-root", directory.Sub("migration"),
            "--task-duration", "20ms", "--guest-shutdown-duration", "20ms",
        ];
        if (faults is not null)
        {
            arguments.AddRange(["--faults", faults]);
        }

        return ChildProcess.Start("virtrigaud-provider-mock", environment, [.. arguments]);
    }

    /// <summary>The host:port the mock serves gRPC on, from its start-up log line.</summary>
    private static async Task<string> ListeningAddressAsync(ChildProcess mock, string scheme)
    {
        var match = await mock.WaitForLineAsync(ServingLine(), Wait.Long);
        var uri = new Uri(match.Groups["address"].Value);
        Assert.Equal(scheme, uri.Scheme);
        return $"{uri.Host}:{uri.Port}";
    }

    /// <summary>The mock's inputs as an inputs.json file (the form the tool reads).</summary>
    private static string WriteInputs(TemporaryDirectory directory)
    {
        var path = Path.Combine(directory.Path, "inputs.json");
        File.WriteAllText(path, JsonSerializer.Serialize(MockProviders.Inputs(directory.Sub("inputs")), ConformanceFixtureJsonContext.Default.ConformanceFixture));
        return path;
    }

    [GeneratedRegex(@"serving gRPC on (?<address>https?://[^\s,()]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ServingLine();
}
