using Google.Protobuf;
using VirtRigaud.Grpc.Internal;
using static VirtRigaud.Grpc.Tests.Server.GrpcWire;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class ServerCompressionTests
{
    private const string ClientStreamPath = "/" + EchoProto.ServiceName + "/ClientStream";

    private static GrpcServiceDefinition Joiner() => GrpcServiceDefinition.For(EchoProto.Service)
        .AddClientStreaming(EchoProto.ClientStream, async (requests, context) =>
        {
            var values = new List<string>();
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                values.Add(request.Value);
            }

            return Text(string.Join(",", values));
        })
        .Build();

    [Fact]
    public async Task GzipRequest_CompressedAndPlainMessages_BothDecodedResponseUncompressed()
    {
        await using var server = await GrpcTestServer.StartAsync(Joiner());

        // With grpc-encoding: gzip each message still says by its flag whether it is compressed.
        byte[] body = [.. Frame(MessageFraming.Gzip(Text("zipped").ToByteArray()), compressed: true), .. Frame(Text("plain"))];
        using var request = Request(ClientStreamPath, body);
        request.Headers.Add("grpc-encoding", "gzip");
        request.Headers.Add("grpc-accept-encoding", "identity");
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Equal("zipped,plain", Assert.Single(result.Messages).Value);
        Assert.False(result.Response.Headers.Contains("grpc-encoding"));
    }

    [Fact]
    public async Task CompressedMessage_UnsupportedEncoding_UnimplementedAndAcceptedEncodingsAdvertised()
    {
        await using var server = await GrpcTestServer.StartAsync(Joiner());

        using var request = Request(ClientStreamPath, Frame([1, 2, 3], compressed: true));
        request.Headers.Add("grpc-encoding", "snappy");
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.Unimplemented, result.Code);
        Assert.Contains("gzip", GrpcResult.Single(result.Response.Headers, "grpc-accept-encoding"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressedMessage_NoEncodingHeader_Internal()
    {
        await using var server = await GrpcTestServer.StartAsync(Joiner());

        using var request = Request(ClientStreamPath, Frame(MessageFraming.Gzip(Text("x").ToByteArray()), compressed: true));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.Internal, result.Code);
    }
}
