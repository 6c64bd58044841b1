using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using VirtRigaud.Etcd.Protocol;
using VirtRigaud.Grpc;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Etcd.Tests;

public sealed class FailoverTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private static ByteString B(string s) => ByteString.CopyFromUtf8(s);

    private static Uri DeadEndpoint() => new($"http://127.0.0.1:{FreePorts.Take(1)[0]}");

    [Fact]
    public async Task Range_FirstEndpointDead_AnsweredBySecond()
    {
        await using var client = new EtcdClient(new EtcdClientOptions { Endpoints = [DeadEndpoint(), etcd.Server.ClientUrl] });

        var status = await client.StatusAsync();

        Assert.True(status.Header.Revision > 0);
        Assert.Equal(etcd.Server.ClientUrl, client.CurrentEndpoint);
    }

    [Fact]
    public async Task Put_FirstEndpointRefusesConnection_RetriedOnSecond()
    {
        await using var client = new EtcdClient(new EtcdClientOptions { Endpoints = [DeadEndpoint(), etcd.Server.ClientUrl] });
        var key = EtcdFixture.UniquePrefix() + "k";

        await client.PutAsync(key, "v");

        Assert.Equal("v", Assert.Single((await client.GetAsync(key)).Kvs).Value.ToStringUtf8());
    }

    [Fact]
    public async Task Range_AllEndpointsDead_ThrowsUnavailable()
    {
        await using var client = new EtcdClient(new EtcdClientOptions { Endpoints = [DeadEndpoint(), DeadEndpoint()] });

        await Assert.ThrowsAsync<EtcdUnavailableException>(() => client.GetAsync("/x"));
    }

    [Fact]
    public async Task Range_ServerNeverAnswers_ThrowsDeadlineExceededAtDefaultTimeout()
    {
        // A listener that accepts connections and never speaks HTTP/2: the call can only end by its deadline.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        await using var client = new EtcdClient(new EtcdClientOptions { Endpoints = [endpoint], DefaultCallTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<EtcdException>(() => client.RangeAsync(new RangeRequest { Key = B("/x") }));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
