using VirtRigaud.Client;
using VirtRigaud.Client.Configuration;

namespace VirtRigaud.Controllers.Tests.Testing;

/// <summary>
/// One real API server in-process per test class, and a client loaded from the kubeconfig it wrote. Tests use a
/// namespace of their own (<see cref="NewNamespace"/>).
/// </summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private int _namespaces;

    public ControllerTestServer Server { get; private set; } = null!;

    public VirtRigaudClient Client { get; private set; } = null!;

    /// <summary>A namespace no other test of the class uses.</summary>
    public string NewNamespace(string prefix) => $"{prefix}-{Interlocked.Increment(ref _namespaces)}";

    /// <summary>A new client (the caller disposes it).</summary>
    public VirtRigaudClient NewClient() => new(KubernetesClientConfiguration.LoadKubeconfig(Server.KubeconfigPath));

    public async Task InitializeAsync()
    {
        Server = await ControllerTestServer.StartAsync();
        Client = NewClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
