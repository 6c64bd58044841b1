using VirtRigaud.Etcd;
using VirtRigaud.Storage.Etcd;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Storage.Tests.Etcd;

/// <summary>One etcd per test class; each store gets its own client and, unless told otherwise, its own prefix.</summary>
public sealed class EtcdStorageFixture : IAsyncLifetime
{
    private EtcdServer? _server;

    public EtcdServer Server => _server ?? throw new InvalidOperationException("etcd is started in InitializeAsync");

    public async Task InitializeAsync() => _server = await EtcdServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A store that owns its client, below <paramref name="prefix"/> (a fresh one when not given).</summary>
    public EtcdStorage CreateStorage(string? prefix = null) =>
        new(
            new EtcdClient(new EtcdClientOptions { Endpoints = [Server.ClientUrl] }),
            new StorageOptions { Prefix = prefix ?? UniquePrefix() },
            ownsClient: true);

    public static string UniquePrefix() => $"/registry-{Guid.NewGuid():N}";
}
