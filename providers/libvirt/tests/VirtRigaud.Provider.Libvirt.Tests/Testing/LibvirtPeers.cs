using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Libvirt.Tests.Testing;

/// <summary>
/// The real peers (<see cref="LibvirtHost"/>: libvirtd + QEMU/TCG, sshd, an HTTP server with a small image), started
/// once for every test in the "libvirt" collection and stopped after them.
/// </summary>
public sealed class LibvirtPeers : IAsyncLifetime
{
    private LibvirtHost? _host;

    private LibvirtHost Host => _host ?? throw new InvalidOperationException("the libvirt peers are not started");

    public LibvirtDaemon Libvirt => Host.Libvirt;

    public SshServer Ssh => Host.Ssh;

    /// <inheritdoc cref="LibvirtHost.Http"/>
    public StaticHttpServer Http => Host.Http;

    /// <inheritdoc cref="LibvirtHost.ImageFile"/>
    public string ImageFile => Host.ImageFile;

    /// <inheritdoc cref="LibvirtHost.ImageSha256"/>
    public string ImageSha256 => Host.ImageSha256;

    /// <inheritdoc cref="LibvirtHost.SshEndpoint"/>
    public string SshEndpoint => Host.SshEndpoint;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _host = await LibvirtHost.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
