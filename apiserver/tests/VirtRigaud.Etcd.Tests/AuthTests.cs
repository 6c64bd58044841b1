using Google.Protobuf;
using VirtRigaud.Etcd.Protocol;
using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd.Tests;

public sealed class AuthTests(AuthEtcdFixture etcd) : IClassFixture<AuthEtcdFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Put_WithCredentials_SendsTokenAndSucceeds()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";

        await client.PutAsync(key, "v");

        Assert.Equal(1, (await client.GetAsync(key)).Count);
        Assert.False(string.IsNullOrEmpty(client.Connection.CurrentToken));
    }

    [Fact]
    public async Task Range_WithoutCredentials_ThrowsAuthentication()
    {
        await using var client = etcd.CreateClient(user: null);

        await Assert.ThrowsAsync<EtcdAuthenticationException>(() => client.GetAsync("/x"));
    }

    [Fact]
    public async Task Range_WrongPassword_ThrowsAuthentication()
    {
        await using var client = etcd.CreateClient(password: "wrong");

        var error = await Assert.ThrowsAsync<EtcdAuthenticationException>(() => client.GetAsync("/x"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Range_TokenUnknownToServer_ReauthenticatesOnceAndSucceeds()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        await client.PutAsync(key, "v");

        // A token etcd does not know (expired after --auth-token-ttl, or issued by another member) is refused with
        // "invalid auth token". Simple tokens survive a restart (the Authenticate entry is replayed from the WAL), so
        // the forgotten token is simulated.
        const string forgotten = "forgotten.1";
        var raw = await Assert.ThrowsAsync<EtcdAuthenticationException>(() => RangeWithTokenAsync(forgotten, key));
        Assert.Equal(StatusCode.Unauthenticated, raw.StatusCode);
        client.Connection.ReplaceToken(forgotten);

        var response = await client.GetAsync(key);

        Assert.Equal(1, response.Count);
        Assert.NotEqual(forgotten, client.Connection.CurrentToken);
    }

    [Fact]
    public async Task Watch_TokenUnknownAfterReconnect_RenewsAndResumes()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        await using var watch = client.Watch(new WatchCreateRequest { Key = ByteString.CopyFromUtf8(key) });
        await watch.Created.WaitAsync(Wait);
        client.Connection.ReplaceToken("forgotten.1");

        await etcd.Server.StopAsync();
        await etcd.Server.StartAgainAsync();
        await using (var writer = etcd.CreateClient())
        {
            await writer.PutAsync(key, "after-restart");
        }

        using var cts = new CancellationTokenSource(Wait);
        WatchResponse? response;
        do
        {
            response = await watch.ReadAsync(cts.Token);
        }
        while (response is { Events.Count: 0 });

        Assert.Equal("after-restart", response!.Events[0].Kv.Value.ToStringUtf8());
    }

    /// <summary>A Range sent with a given token, bypassing the client's renewal.</summary>
    private async Task RangeWithTokenAsync(string token, string key)
    {
        using var channel = GrpcChannel.ForAddress(etcd.Server.ClientUrl);
        var invoker = channel.CreateCallInvoker();
        try
        {
            using var call = invoker.AsyncUnaryCall(
                EtcdMethods.Range,
                new RangeRequest { Key = ByteString.CopyFromUtf8(key) },
                new CallOptions(new Metadata().Add(EtcdConnection.TokenMetadataKey, token), DateTimeOffset.UtcNow + Wait));
            await call.ResponseAsync;
        }
        catch (RpcException e)
        {
            throw EtcdErrors.Map(e, CancellationToken.None);
        }
    }
}
