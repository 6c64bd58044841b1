using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Libvirt.Tests.Testing;

/// <summary>
/// The real peers, started once for every test in the "libvirt" collection: libvirtd + QEMU (TCG) on a private socket
/// and OpenSSH sshd on a free loopback port, key-only. A missing package fails the tests loudly (no skip). Disposal
/// destroys and undefines every domain the tests made and stops both daemons by PID.
/// </summary>
public sealed class LibvirtPeers : IAsyncLifetime
{
    private LibvirtDaemon? _libvirt;
    private SshServer? _ssh;
    private StaticHttpServer? _http;
    private string? _downloads;

    public LibvirtDaemon Libvirt => _libvirt ?? throw new InvalidOperationException("libvirtd not started");

    public SshServer Ssh => _ssh ?? throw new InvalidOperationException("sshd not started");

    /// <summary>A real HTTP server (CPython http.server) serving <see cref="ImageFile"/> and others put in its folder.</summary>
    public StaticHttpServer Http => _http ?? throw new InvalidOperationException("http server not started");

    /// <summary>The name of a 32 MiB qcow2 image served by <see cref="Http"/>.</summary>
    public string ImageFile => "tiny.qcow2";

    /// <summary>SHA-256 (hex) of <see cref="ImageFile"/>.</summary>
    public string ImageSha256 { get; private set; } = string.Empty;

    /// <summary><c>qemu+ssh://user@127.0.0.1:port/system?socket=…</c>: the real daemon through the real sshd.</summary>
    public string SshEndpoint => $"qemu+ssh://{Ssh.User}@{Ssh.Host}:{Ssh.Port}/system?socket={Libvirt.SocketPath}";

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _ssh = await SshServer.StartAsync(timeout.Token);
        _libvirt = await LibvirtDaemon.StartAsync(timeout.Token);
        _downloads = Directory.CreateTempSubdirectory("virtrigaud-libvirt-downloads-").FullName;
        var image = Path.Combine(_downloads, ImageFile);
        await ToolRunner.RunCheckedAsync("/usr/bin/qemu-img", ["create", "-q", "-f", "qcow2", image, "32M"], timeout.Token);
        ImageSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(image, timeout.Token)));
        _http = await StaticHttpServer.StartAsync(_downloads, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_http is not null)
        {
            await _http.DisposeAsync();
        }

        if (_downloads is not null)
        {
            Directory.Delete(_downloads, recursive: true);
        }

        if (_libvirt is not null)
        {
            await _libvirt.DisposeAsync();
        }

        if (_ssh is not null)
        {
            await _ssh.DisposeAsync();
        }
    }
}
