using VirtRigaud.TestPeers;

namespace VirtRigaud.Etcd.Tests;

/// <summary>An etcd with auth enabled; user root has password <see cref="RootPassword"/>.</summary>
public sealed class AuthEtcdFixture : IAsyncLifetime
{
    public const string RootPassword = "root-secret";

    private EtcdServer? _server;

    public EtcdServer Server => _server ?? throw new InvalidOperationException("etcd is started in InitializeAsync");

    public async Task InitializeAsync()
    {
        _server = await EtcdServer.StartAsync();
        await _server.EnableAuthAsync(RootPassword);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public EtcdClient CreateClient(string? user = "root", string? password = RootPassword) =>
        new(new EtcdClientOptions { Endpoints = [Server.ClientUrl], Username = user, Password = user is null ? null : password, ReconnectBackoff = TimeSpan.FromMilliseconds(50) });
}
