using VirtRigaud.TestPeers;

namespace VirtRigaud.Etcd.Tests;

/// <summary>One plain etcd per test class, with fast progress notifications; tests use unique key prefixes.</summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    private EtcdServer? _server;

    public EtcdServer Server => _server ?? throw new InvalidOperationException("etcd is started in InitializeAsync");

    public async Task InitializeAsync() =>
        _server = await EtcdServer.StartAsync(new EtcdServerOptions { WatchProgressNotifyInterval = TimeSpan.FromMilliseconds(200) });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A client of this etcd; <paramref name="configure"/> adjusts the options.</summary>
    public EtcdClient CreateClient(Func<EtcdClientOptions, EtcdClientOptions>? configure = null)
    {
        var options = new EtcdClientOptions { Endpoints = [Server.ClientUrl] };
        return new EtcdClient(configure is null ? options : configure(options));
    }

    /// <summary>A key prefix no other test uses.</summary>
    public static string UniquePrefix() => $"/t/{Guid.NewGuid():N}/";
}
