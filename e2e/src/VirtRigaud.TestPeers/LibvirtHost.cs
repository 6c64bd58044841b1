using System.Security.Cryptography;

namespace VirtRigaud.TestPeers;

/// <summary>
/// A whole libvirt host for tests, on loopback: a real libvirtd + QEMU (TCG) (<see cref="LibvirtDaemon"/>), a real
/// sshd in front of it (<see cref="SshServer"/>, key-only apart from its password account) and an HTTP server
/// (<see cref="StaticHttpServer"/>) serving a small qcow2 image, <see cref="ImageFile"/>, to download. A missing
/// package fails loudly (no skip). Disposal stops everything in reverse order; libvirtd's disposal destroys and
/// undefines what the test created.
/// </summary>
public sealed class LibvirtHost : IAsyncDisposable
{
    private LibvirtDaemon? _libvirt;
    private SshServer? _ssh;
    private StaticHttpServer? _http;
    private string? _downloads;

    private LibvirtHost()
    {
    }

    public LibvirtDaemon Libvirt => _libvirt ?? throw new InvalidOperationException("libvirtd not started");

    public SshServer Ssh => _ssh ?? throw new InvalidOperationException("sshd not started");

    /// <summary>A real HTTP server (CPython http.server) serving <see cref="ImageFile"/> and others put in its folder.</summary>
    public StaticHttpServer Http => _http ?? throw new InvalidOperationException("http server not started");

    /// <summary>The name of a 32 MiB qcow2 image served by <see cref="Http"/>.</summary>
    public string ImageFile => "tiny.qcow2";

    /// <summary>SHA-256 (hex) of <see cref="ImageFile"/>.</summary>
    public string ImageSha256 { get; private set; } = string.Empty;

    /// <summary>The URL of <see cref="ImageFile"/>.</summary>
    public Uri ImageUrl => new(Http.BaseUrl, ImageFile);

    /// <summary><c>qemu+ssh://user@127.0.0.1:port/system?socket=…</c>: the real daemon through the real sshd.</summary>
    public string SshEndpoint => $"qemu+ssh://{Ssh.User}@{Ssh.Host}:{Ssh.Port}/system?socket={Libvirt.SocketPath}";

    /// <summary>Starts sshd, libvirtd (taking the machine-wide libvirtd lock) and the HTTP server.</summary>
    /// <exception cref="InvalidOperationException">A peer is not installed or did not start; the message says which and why.</exception>
    public static async Task<LibvirtHost> StartAsync(CancellationToken cancellationToken = default)
    {
        var host = new LibvirtHost();
        try
        {
            host._ssh = await SshServer.StartAsync(cancellationToken).ConfigureAwait(false);
            host._libvirt = await LibvirtDaemon.StartAsync(cancellationToken).ConfigureAwait(false);
            host._downloads = Directory.CreateTempSubdirectory("virtrigaud-libvirt-downloads-").FullName;
            var image = Path.Combine(host._downloads, host.ImageFile);
            await ToolRunner.RunCheckedAsync("/usr/bin/qemu-img", ["create", "-q", "-f", "qcow2", image, "32M"], cancellationToken).ConfigureAwait(false);
            host.ImageSha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(image, cancellationToken).ConfigureAwait(false)));
            host._http = await StaticHttpServer.StartAsync(host._downloads, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_http is not null)
        {
            await _http.DisposeAsync().ConfigureAwait(false);
        }

        if (_downloads is not null)
        {
            Directory.Delete(_downloads, recursive: true);
        }

        if (_libvirt is not null)
        {
            await _libvirt.DisposeAsync().ConfigureAwait(false);
        }

        if (_ssh is not null)
        {
            await _ssh.DisposeAsync().ConfigureAwait(false);
        }
    }
}
