using System.Text;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Tests.Testing;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Contract.Tests.Client;

public sealed class ConsoleStreamTests
{
    [Fact]
    public async Task OpenConsole_ProviderEchoes_BytesAndResizeRoundTripThenClientClosed()
    {
        var provider = new RecordingProvider();
        await using var server = await ProviderTestServer.StartAsync(provider);
        var client = server.CreateClient();

        var result = await client.OpenConsoleAsync("vm-1", ConsoleKind.Serial);
        Assert.True(result.IsSupported);
        await using var session = result.Session;
        Assert.Equal(ConsoleKind.Serial, session.Kind);
        var open = (ConsoleOpen)provider.Single("ConsoleStream").Request;
        Assert.Equal("vm-1", open.VmId);

        await using var output = session.ReadOutputAsync().GetAsyncEnumerator();
        await session.WriteAsync("ls\r"u8.ToArray());
        Assert.True(await output.MoveNextAsync());
        Assert.Equal("ls\r", Encoding.UTF8.GetString(output.Current.Span));
        await session.ResizeAsync(120, 40);
        Assert.True(await output.MoveNextAsync());
        Assert.Equal("[120x40]", Encoding.UTF8.GetString(output.Current.Span));

        await session.CompleteAsync();
        Assert.False(await output.MoveNextAsync());
        Assert.Equal(ConsoleCloseReason.ClientClosed, session.CloseReason);
        Assert.Equal("bye", session.CloseMessage);
    }

    [Fact]
    public async Task OpenConsole_ProviderWithoutConsole_ReportsUnsupported()
    {
        await using var server = await ProviderTestServer.StartAsync(new EmptyProvider());
        var client = server.CreateClient();

        var result = await client.OpenConsoleAsync("vm-1");

        Assert.False(result.IsSupported);
        Assert.Null(result.Session);
        Assert.Equal("ConsoleStream is not implemented by this provider", result.UnsupportedReason);
    }

    [Fact]
    public async Task OpenConsole_MissingVm_ThrowsNotFound()
    {
        await using var server = await ProviderTestServer.StartAsync(new RecordingProvider());
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.OpenConsoleAsync("missing"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task OpenConsole_ProviderSkipsOpened_ThrowsInternal()
    {
        await using var server = await ProviderTestServer.StartAsync(new RudeConsoleProvider());
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.OpenConsoleAsync("vm-1"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("not Opened", error.Status.Detail, StringComparison.Ordinal);
    }

    private sealed class EmptyProvider : ProviderServiceBase;

    /// <summary>Breaks the protocol: sends data before opened.</summary>
    private sealed class RudeConsoleProvider : ProviderServiceBase
    {
        public override async Task ConsoleStreamAsync(
            IAsyncStreamReader<ConsoleInput> requests, IServerStreamWriter<ConsoleOutput> responses, ServerCallContext context)
        {
            await requests.MoveNext(context.CancellationToken);
            await responses.WriteAsync(new ConsoleOutput { Data = Google.Protobuf.ByteString.CopyFromUtf8("hi") }, context.CancellationToken);
        }
    }
}
