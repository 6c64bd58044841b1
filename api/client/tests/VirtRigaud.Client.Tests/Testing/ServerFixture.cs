using VirtRigaud.Client.Configuration;

namespace VirtRigaud.Client.Tests.Testing;

/// <summary>
/// One running API server shared by the tests of a class, and a client built from the kubeconfig the server wrote
/// (loaded by the client's own loader: CA data, client certificate data). Each test works in its own namespace.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private int _namespaces;

    public ClientTestServer Server { get; private set; } = null!;

    public VirtRigaudClient Client { get; private set; } = null!;

    /// <summary>A namespace no other test of the class uses.</summary>
    public string NewNamespace(string prefix) => $"{prefix}-{Interlocked.Increment(ref _namespaces)}";

    /// <summary>A client configuration from the server's kubeconfig, with <paramref name="change"/> applied.</summary>
    public KubernetesClientConfiguration Configuration(Func<KubernetesClientConfiguration, KubernetesClientConfiguration>? change = null)
    {
        var configuration = KubernetesClientConfiguration.LoadKubeconfig(Server.KubeconfigPath);
        return change is null ? configuration : change(configuration);
    }

    public async Task InitializeAsync()
    {
        Server = await ClientTestServer.StartAsync();
        Client = new VirtRigaudClient(Configuration());
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
