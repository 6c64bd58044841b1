using System.Net;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Libvirt.Hosting;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Libvirt.Tests.Testing;

/// <summary>
/// The libvirt provider hosted in-process by the provider SDK (the same host the binary uses: error mapping, health,
/// idempotency), h2c on a free loopback port, talking to the real peers. Dispose stops it (which ends its ssh master
/// connection and deletes its key folder) and removes its credentials folder.
/// </summary>
internal sealed class LibvirtProviderHost : IAsyncDisposable
{
    private readonly CredentialsDirectory _credentials;

    private LibvirtProviderHost(ProviderServer server, CredentialsDirectory credentials)
    {
        Server = server;
        _credentials = credentials;
        Channel = GrpcChannel.ForAddress(server.GrpcAddress);
        Invoker = Channel.CreateCallInvoker();
        Client = new ProviderClient(Invoker);
    }

    public ProviderServer Server { get; }

    public GrpcChannel Channel { get; }

    public CallInvoker Invoker { get; }

    public ProviderClient Client { get; }

    /// <summary>The provider for the real libvirtd reached through the real sshd, with TCG domains in the daemon's image folder.</summary>
    public static Task<LibvirtProviderHost> StartSshAsync(LibvirtPeers peers, IReadOnlyDictionary<string, string>? extraEnvironment = null) =>
        StartAsync(
            peers.SshEndpoint,
            new Dictionary<string, string> { ["ssh-privatekey"] = peers.Ssh.ClientPrivateKey, ["known_hosts"] = peers.Ssh.KnownHosts },
            new Dictionary<string, string>(extraEnvironment ?? new Dictionary<string, string>())
            {
                ["LIBVIRT_IMAGE_DIR"] = peers.Libvirt.ImagesDirectory,
                ["LIBVIRT_DOMAIN_TYPE"] = "qemu",
            });

    /// <summary>Starts the provider for <paramref name="endpoint"/>.</summary>
    public static async Task<LibvirtProviderHost> StartAsync(string endpoint, IReadOnlyDictionary<string, string> credentials, IReadOnlyDictionary<string, string> environment)
    {
        var directory = new CredentialsDirectory(credentials);
        try
        {
            var options = new ProviderRuntimeOptions
            {
                Port = 0,
                HealthPort = 0,
                BindAddress = IPAddress.Loopback.ToString(),
                TlsDirectory = Path.Combine(directory.Path, "no-tls"),
                CredentialsDirectory = directory.Path,
                InsecureOptIn = true,
                ProviderType = "libvirt",
                ProviderEndpoint = endpoint,
            };
            var server = await ProviderServer.StartAsync(
                options,
                services => services.AddLibvirtProvider(),
                new ProviderStartOptions { LogOutput = TextWriter.Null, Environment = new ProviderEnvironment(environment) });
            return new LibvirtProviderHost(server, directory);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
        _credentials.Dispose();
    }
}
