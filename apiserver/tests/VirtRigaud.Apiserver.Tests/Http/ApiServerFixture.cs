using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.Http;

/// <summary>One running API server shared by the tests of a class; each test works in its own namespace.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private int _namespaces;

    public TestApiServer Server { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    /// <summary>A namespace no other test of the class uses.</summary>
    public string NewNamespace(string prefix) => $"{prefix}-{Interlocked.Increment(ref _namespaces)}";

    public async Task InitializeAsync() => Server = await TestApiServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
