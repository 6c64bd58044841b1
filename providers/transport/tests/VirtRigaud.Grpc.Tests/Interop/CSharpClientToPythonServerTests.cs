using VirtRigaud.Grpc.Interop;

namespace VirtRigaud.Grpc.Tests.Interop;

/// <summary>
/// Our client against python3-grpcio's server (gRPC C-core): every named case of grpc's
/// doc/interop-test-descriptions.md, over h2c and over mutual TLS.
/// </summary>
public sealed class CSharpClientToPythonServerTests(PythonServersFixture fixture) : IClassFixture<PythonServersFixture>
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Cases => new(InteropClient.CaseNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Case_OverH2c_Passes(string caseName) =>
        RunAsync(new InteropTarget("127.0.0.1", fixture.H2cPort), fixture.H2cServer, caseName);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Case_OverMutualTls_Passes(string caseName)
    {
        var certificates = fixture.Certificates;
        var target = new InteropTarget("127.0.0.1", fixture.TlsPort)
        {
            Tls = true,
            CaPath = certificates.CaPath,
            CertificatePath = certificates.ClientCertificatePath,
            KeyPath = certificates.ClientKeyPath,
            ServerHostOverride = "localhost",
        };
        return RunAsync(target, fixture.TlsServer, caseName);
    }

    private static async Task RunAsync(InteropTarget target, PeerProcess server, string caseName)
    {
        using var channel = target.CreateChannel();
        var client = new InteropClient(channel.CreateCallInvoker(), CallTimeout);
        using var cancel = new CancellationTokenSource(CaseTimeout);
        try
        {
            // WaitAsync bounds the case even if a call ignored its cancellation.
            await client.RunCaseAsync(caseName, cancel.Token).WaitAsync(CaseTimeout);
        }
        catch (Exception e)
        {
            Assert.Fail($"{caseName} against the python server at {target.Address} failed: {e}\n--- python server ---\n{Tail(server.Describe())}");
        }
    }

    private static string Tail(string text) => text.Length <= 8000 ? text : "…" + text[^8000..];
}
