using System.Net;
using VirtRigaud.Grpc.Interop;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Tests.Interop;

/// <summary>
/// Two C# interop servers, in-process on 127.0.0.1 with free ports, for the python client: one h2c, one TLS that
/// requires a client certificate from the test CA.
/// </summary>
public sealed class CSharpServersFixture : IAsyncLifetime
{
    private InteropServer? _h2c;
    private InteropServer? _tls;
    private CertificateReloader? _serverCertificate;
    private InteropCertificates? _certificates;

    internal InteropCertificates Certificates => _certificates ?? throw new InvalidOperationException("not started");

    public int H2cPort => (_h2c ?? throw new InvalidOperationException("not started")).Port;

    public int TlsPort => (_tls ?? throw new InvalidOperationException("not started")).Port;

    public async Task InitializeAsync()
    {
        // The peer of these servers is the python client: without it every test here would fail for the same reason.
        await PythonPeer.EnsureInstalledAsync();
        try
        {
            _certificates = InteropCertificates.Create();
            _serverCertificate = CertificateReloader.Start(CertificateReloaderOptions.ForDirectory(_certificates.ServerDirectory));
            using var timeout = new CancellationTokenSource(PythonPeer.StartTimeout);
            _h2c = await InteropServer.StartAsync(new InteropServerOptions { Address = IPAddress.Loopback }, timeout.Token);
            _tls = await InteropServer.StartAsync(
                new InteropServerOptions { Address = IPAddress.Loopback, Tls = _serverCertificate, RequireClientCertificate = true },
                timeout.Token);
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
            _serverCertificate?.Dispose();
            _certificates?.Dispose();
            _h2c = _tls = null;
            _serverCertificate = null;
            _certificates = null;
        }
    }
}
