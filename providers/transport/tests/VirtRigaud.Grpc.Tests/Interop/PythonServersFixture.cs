namespace VirtRigaud.Grpc.Tests.Interop;

/// <summary>
/// Two python3-grpcio interop servers for the C# client: one h2c, one TLS that requires a client certificate from the
/// test CA. Started once per test class, killed at its end.
/// </summary>
public sealed class PythonServersFixture : IAsyncLifetime
{
    private PeerProcess? _h2c;
    private PeerProcess? _tls;
    private InteropCertificates? _certificates;

    internal PeerProcess H2cServer => _h2c ?? throw new InvalidOperationException("not started");

    internal PeerProcess TlsServer => _tls ?? throw new InvalidOperationException("not started");

    internal InteropCertificates Certificates => _certificates ?? throw new InvalidOperationException("not started");

    public int H2cPort { get; private set; }

    public int TlsPort { get; private set; }

    public async Task InitializeAsync()
    {
        await PythonPeer.EnsureInstalledAsync();
        try
        {
            _certificates = InteropCertificates.Create();
            (_h2c, H2cPort) = await PythonPeer.StartServerAsync([]);
            (_tls, TlsPort) = await PythonPeer.StartServerAsync(
                ["--cert", _certificates.ServerCertificatePath, "--key", _certificates.ServerKeyPath, "--client-ca", _certificates.CaPath]);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_h2c is not null)
            {
                await _h2c.DisposeAsync();
            }

            if (_tls is not null)
            {
                await _tls.DisposeAsync();
            }
        }
        finally
        {
            _certificates?.Dispose();
            _h2c = _tls = null;
            _certificates = null;
        }
    }
}
