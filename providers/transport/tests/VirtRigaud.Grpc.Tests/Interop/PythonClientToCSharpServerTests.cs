using VirtRigaud.Grpc.Interop;

namespace VirtRigaud.Grpc.Tests.Interop;

/// <summary>
/// python3-grpcio's client (gRPC C-core) against our server: every named case of grpc's
/// doc/interop-test-descriptions.md, over h2c and over mutual TLS. Each case runs in its own client process, so a
/// failure names the case and carries that process's output.
/// </summary>
public sealed class PythonClientToCSharpServerTests(CSharpServersFixture fixture) : IClassFixture<CSharpServersFixture>
{
    public static TheoryData<string> Cases => new(InteropClient.CaseNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_OverH2c_Passes(string caseName)
    {
        var (exitCode, output) = await PythonPeer.RunClientAsync(fixture.H2cPort, caseName, []);

        Assert.True(exitCode == 0 && output.Contains($"PASS {caseName} (", StringComparison.Ordinal), $"python client, {caseName} over h2c:\n{output}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_OverMutualTls_Passes(string caseName)
    {
        var certificates = fixture.Certificates;
        var (exitCode, output) = await PythonPeer.RunClientAsync(
            fixture.TlsPort,
            caseName,
            ["--tls", "--ca", certificates.CaPath, "--cert", certificates.ClientCertificatePath, "--key", certificates.ClientKeyPath,
             "--server-host-override", "localhost"]);

        Assert.True(exitCode == 0 && output.Contains($"PASS {caseName} (", StringComparison.Ordinal), $"python client, {caseName} over mutual TLS:\n{output}");
    }
}
