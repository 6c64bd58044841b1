using VirtRigaud.Provider.Conformance.Cli;

namespace VirtRigaud.Provider.Conformance.Tests.Cli;

public sealed class ConformanceCommandLineTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ConformanceCommandLine.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task RunAsync_List_EveryCaseWithDescription()
    {
        var (code, output, _) = await RunAsync("--list");

        Assert.Equal(ConformanceCommandLine.ExitPassed, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ConformanceCases.Names, lines.Select(l => l.Split(' ', 2)[0]).ToArray());
    }

    [Theory]
    [InlineData(new string[0], "--address is required")]
    [InlineData(new[] { "--address", "127.0.0.1:9443" }, "give exactly one of --tls (with --ca) and --insecure")]
    [InlineData(new[] { "--address", "127.0.0.1:9443", "--tls", "--insecure", "--ca", "ca.crt" }, "give exactly one of")]
    [InlineData(new[] { "--address", "127.0.0.1:9443", "--tls" }, "--tls needs --ca")]
    [InlineData(new[] { "--address", "127.0.0.1:9443", "--tls", "--ca", "ca.crt", "--cert", "tls.crt" }, "--cert and --key go together")]
    [InlineData(new[] { "--address", "127.0.0.1:9443", "--insecure", "--ca", "ca.crt" }, "need --tls")]
    [InlineData(new[] { "--address", "127.0.0.1", "--insecure" }, "is not host:port")]
    [InlineData(new[] { "--address", "127.0.0.1:70000", "--insecure" }, "port must be 1-65535")]
    [InlineData(new[] { "--address", "::1:9443", "--insecure" }, "in brackets")]
    [InlineData(new[] { "--address", "127.0.0.1:9443", "--insecure", "--cases", "validate,nope" }, "unknown case(s) nope")]
    [InlineData(new[] { "--address", "127.0.0.1:9443", "--insecure", "--prefix", "Bad_Prefix" }, "run prefix")]
    [InlineData(new[] { "--address", "127.0.0.1:9443", "--insecure", "--task-timeout", "0" }, "--task-timeout must be a positive")]
    [InlineData(new[] { "--address", "127.0.0.1:9443", "--insecure", "--no-such-flag" }, "--no-such-flag")]
    public async Task RunAsync_BadCommandLine_ExitTwoWithReason(string[] args, string reason)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(ConformanceCommandLine.ExitUsage, code);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task RunAsync_MissingCaFile_ExitTwoNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-ca-{Guid.NewGuid():N}.crt");

        var (code, _, error) = await RunAsync("--address", "127.0.0.1:9443", "--tls", "--ca", missing);

        Assert.Equal(ConformanceCommandLine.ExitUsage, code);
        Assert.Contains(Path.GetFileName(missing), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvalidInputsFile_ExitTwoNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"conformance-inputs-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "unknown": 1 }""", CancellationToken.None);
        try
        {
            var (code, _, error) = await RunAsync("--address", "127.0.0.1:9443", "--insecure", "--inputs", path);

            Assert.Equal(ConformanceCommandLine.ExitUsage, code);
            Assert.Contains(path, error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_NothingListening_ExitTwoWithoutRunningCases()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var (code, output, error) = await RunAsync("--address", $"127.0.0.1:{port}", "--insecure");

        Assert.Equal(ConformanceCommandLine.ExitUsage, code);
        Assert.Contains($"cannot use the provider at 127.0.0.1:{port} (h2c): Unavailable", error, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:9443", "127.0.0.1", 9443)]
    [InlineData("provider.example:1", "provider.example", 1)]
    [InlineData("[::1]:65535", "::1", 65535)]
    public void ParseAddress_Valid_HostAndPort(string address, string host, int port) =>
        Assert.Equal((host, port), ProviderTarget.ParseAddress(address));

    [Theory]
    [InlineData(":9443")]
    [InlineData("host:")]
    [InlineData("host:0")]
    [InlineData("host:+1")]
    [InlineData("bad host:1")]
    public void ParseAddress_Invalid_FormatException(string address) =>
        Assert.Throws<FormatException>(() => ProviderTarget.ParseAddress(address));
}
