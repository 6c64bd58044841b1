using System.Text.Json.Nodes;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Contract.Tests.Testing;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Contract.Tests.Interop;

/// <summary>
/// The proto compiled by a real protoc (python3-grpc-tools) and spoken by gRPC C-core (python3-grpcio), both ways:
/// a python client against our provider server, and our client against an upstream-like python provider that offers
/// neither WatchTask nor ConsoleStream.
/// </summary>
public sealed class PythonInteropTests
{
    [Fact]
    public async Task PythonClient_OurProvider_EveryCallKindSucceeds()
    {
        var provider = new RecordingProvider();
        await using var server = await ProviderTestServer.StartAsync(provider);

        await using var peer = await PythonPeer.RunClientAsync(server.Address.Port);

        Assert.True(peer.ExitCode == 0, peer.Describe());
        var lines = peer.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())
            .ToDictionary(o => (string)o["rpc"]!);
        Assert.Equal("ready", (string?)lines["Validate"]["message"]);
        Assert.Equal("id-py-vm", (string?)lines["Create"]["id"]);
        Assert.Equal("task-create", (string?)lines["Create"]["task"]);
        Assert.Equal("qcow2", (string?)lines["GetCapabilities"]["disk_types"]![0]);
        Assert.Equal("[0.0,50.0,100.0]", lines["WatchTask"]["percentages"]!.ToJsonString());
        Assert.Equal("""["opened","data","closed"]""", lines["ConsoleStream"]["kinds"]!.ToJsonString());
        Assert.Equal("hello", (string?)lines["ConsoleStream"]["data"]);
        Assert.Equal("CONSOLE_CLOSE_REASON_CLIENT_CLOSED", (string?)lines["ConsoleStream"]["reason"]);

        var (_, deadline, request) = provider.Single("Create");
        var create = (CreateRequest)request;
        Assert.NotNull(deadline);
        Assert.Equal(2, ProviderPayloads.ParseClass(create.ClassJson)!.Cpu);
        Assert.Equal(["t1"], create.Tags);
        Assert.Equal("#cloud-config\n", create.UserData.ToStringUtf8());
    }

    [Fact]
    public async Task OurClient_UpstreamLikePythonProvider_CallsAndFallbacksWork()
    {
        var (peer, port) = await PythonPeer.StartServerAsync();
        await using var _ = peer;
        using var channel = VirtRigaud.Grpc.GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var clock = new ManualTimeProvider();
        var client = new ProviderClient(channel, new ProviderClientOptions { TimeProvider = clock });

        Assert.Equal("python", (await client.ValidateAsync()).Message);
        var created = await client.CreateAsync(new CreateRequest { Name = "web", ClassJson = ProviderPayloads.SerializeClass(new ClassPayload { Cpu = 3 }) });
        Assert.Equal("py-web-cpu3", created.Id);
        Assert.False((await client.DescribeAsync(new DescribeRequest { Id = created.Id })).Exists);

        // WatchTask answers UNIMPLEMENTED from C-core: the client polls TaskStatus (done on the second poll).
        await using var watch = client.WatchTaskAsync(created.Task).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());
        Assert.False(watch.Current.Done);
        var next = watch.MoveNextAsync().AsTask();
        Assert.Equal(ProviderClientOptions.DefaultTaskPollInterval, await clock.WaitForTimerAsync());
        clock.Advance(ProviderClientOptions.DefaultTaskPollInterval);
        Assert.True(await next.WaitAsync(ProviderTestServer.Patience));
        Assert.True(watch.Current.Done);
        Assert.True(client.WatchTaskUnsupported);

        var console = await client.OpenConsoleAsync(created.Id);
        Assert.False(console.IsSupported);
        Assert.False(string.IsNullOrEmpty(console.UnsupportedReason));
    }
}
