using VirtRigaud.Grpc;
using VirtRigaud.Provider.Conformance;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Libvirt.Tests.Testing;
using Xunit.Abstractions;

namespace VirtRigaud.Provider.Libvirt.Tests.Service;

/// <summary>
/// The provider conformance suite (providers/conformance, every case) against the libvirt provider driving a real
/// libvirtd with QEMU/TCG through a real sshd. The VMs boot no OS (blank disk, SeaBIOS): enough for lifecycle, power,
/// snapshots and clones; the graceful shutdown therefore ends with the provider's forced power-off after the timeout,
/// which the runner shortens to keep the suite fast, and the serial console stays silent (the console case checks the
/// session's protocol; LibvirtConsoleTests boots a real kernel to prove bytes flow both ways).
/// </summary>
[Collection(LibvirtCollection.Name)]
public sealed class LibvirtConformanceTests(LibvirtPeers peers, ITestOutputHelper output) : ProviderConformanceTests(output), IAsyncLifetime
{
    private const string InputsTemplate = """
        {
          "create": {
            "class": { "CPU": 1, "MemoryMiB": 64, "Firmware": "BIOS", "DiskDefaults": { "Type": "qcow2", "SizeGiB": 1 },
                       "PerformanceProfile": { "CPUHotAddEnabled": true, "MemoryHotAddEnabled": true } },
            "networks": [ { "Name": "user", "NetworkName": "user", "Model": "virtio" } ]
          },
          "console": { "probe": "\r", "expectOutput": false },
          "diskTransfer": { "urlTemplate": "file://EXPORTS/{name}.{format}" },
          "imagePrepare": {
            "image": { "source": { "http": { "url": "URL", "checksum": "SHA256" } } },
            "mismatchedImage": { "source": { "http": { "url": "URL", "checksum": "0000000000000000000000000000000000000000000000000000000000000000" } } }
          }
        }
        """;

    private LibvirtProviderHost? _host;

    protected override ProviderClient Client => _host!.Client;

    protected override CallInvoker? Invoker => _host!.Invoker;

    protected override ConformanceFixture Fixture => ConformanceFixture.Parse(
        InputsTemplate.Replace("URL", new Uri(peers.Http.BaseUrl, peers.ImageFile).ToString(), StringComparison.Ordinal).Replace("SHA256", peers.ImageSha256, StringComparison.Ordinal)
            .Replace("EXPORTS", Path.Combine(peers.Libvirt.ImagesDirectory, "exports"), StringComparison.Ordinal));

    protected override ConformanceRunnerOptions RunnerOptions => new()
    {
        TaskTimeout = TimeSpan.FromMinutes(2),
        StateTimeout = TimeSpan.FromMinutes(1),
        CaseTimeout = TimeSpan.FromMinutes(5),
        GracefulTimeoutSeconds = 3,
    };

    public async Task InitializeAsync() => _host = await LibvirtProviderHost.StartSshAsync(peers);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
