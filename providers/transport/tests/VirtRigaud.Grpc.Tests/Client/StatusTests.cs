using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace VirtRigaud.Grpc.Tests.Client;

/// <summary>
/// How the client turns what a server sends into a status: trailers, trailers-only responses, responses that are not
/// gRPC (doc/http-grpc-status-mapping.md), malformed endings and HTTP/2 stream resets (PROTOCOL-HTTP2.md "Errors").
/// </summary>
public sealed class StatusTests
{
    [Fact]
    public async Task AsyncUnaryCall_TrailersOnlyError_ThrowsWithStatusAndTrailers()
    {
        await using var server = await TestServer.StartAsync("Unary", context =>
        {
            Wire.BeginResponse(context);
            context.Response.Headers["grpc-status"] = "5";
            context.Response.Headers["grpc-message"] = "no%20such%20thing";
            context.Response.Headers["x-detail"] = "boom";
            return Task.CompletedTask;
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(new Status(StatusCode.NotFound, "no such thing"), error.Status);
        Assert.Equal("boom", error.Trailers.GetValue("x-detail"));
        Assert.Equal(error.Status, call.GetStatus());
        Assert.Equal("boom", call.GetTrailers().GetValue("x-detail"));
        Assert.Empty(await call.ResponseHeadersAsync);
    }

    [Fact]
    public async Task AsyncUnaryCall_ErrorInTrailersAfterHeaders_ThrowsWithStatusTrailersAndDetails()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            context.Response.Headers["x-header"] = "sent";
            await Wire.SendHeadersAsync(context);
            await Wire.ReadAllAsync(context);
            context.Response.AppendTrailer("grpc-status-details-bin", "CAM");
            context.Response.AppendTrailer("x-why", "because");
            Wire.Status(context, 9, "not yet");
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(new Status(StatusCode.FailedPrecondition, "not yet"), error.Status);
        Assert.Equal("because", error.Trailers.GetValue("x-why"));
        Assert.Equal([0x08, 0x03], error.Trailers.GetValueBytes("grpc-status-details-bin"));
        Assert.Equal("sent", (await call.ResponseHeadersAsync).GetValue("x-header"));
    }

    [Theory]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("100%25 sure", "100% sure")]
    [InlineData("line%0Anext", "line\nnext")]
    [InlineData("%E4%BD%A0%E5%A5%BD", "你好")]
    [InlineData("bad %zz escape", "bad %zz escape")]
    [InlineData("plain text", "plain text")]
    public async Task AsyncUnaryCall_PercentEncodedGrpcMessage_IsDecoded(string sent, string expected)
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            Wire.BeginResponse(context);
            Wire.Status(context, 3, sent);
        });
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(new Status(StatusCode.InvalidArgument, expected), error.Status);
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(409, StatusCode.Unknown)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    public async Task AsyncUnaryCall_NonOkHttpStatusWithoutGrpcStatus_MapsHttpStatus(int httpStatus, StatusCode expected)
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            context.Response.StatusCode = httpStatus;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("not gRPC", context.RequestAborted);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync);
    }

    [Fact]
    public async Task AsyncUnaryCall_NonOkHttpStatusWithGrpcStatus_UsesGrpcStatus()
    {
        await using var server = await TestServer.StartAsync("Unary", context =>
        {
            context.Response.StatusCode = 415;
            context.Response.Headers["grpc-status"] = "3";
            context.Response.Headers["grpc-message"] = "wrong%20content-type";
            return Task.CompletedTask;
        });
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(new Status(StatusCode.InvalidArgument, "wrong content-type"), error.Status);
    }

    [Theory]
    [InlineData("text/html", StatusCode.Unknown)]
    [InlineData("application/grpc+json", StatusCode.Internal)]
    public async Task AsyncUnaryCall_ResponseContentTypeNotGrpcProto_Fails(string contentType, StatusCode expected)
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(Wire.Frame("x"), context.RequestAborted);
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_ContentTypeWithProtoCodecAndParameters_IsAccepted()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            context.Response.ContentType = "application/grpc+proto; charset=binary";
            await context.Response.Body.WriteAsync(Wire.Frame("fine"), context.RequestAborted);
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound);

        Assert.Equal("fine", response.Value);
    }

    [Fact]
    public async Task AsyncUnaryCall_TrailersWithoutGrpcStatus_IsUnknown()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "x");
            context.Response.AppendTrailer("x-only", "this");
            context.Response.AppendTrailer("grpc-message", "lost%20status");
        });
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(new Status(StatusCode.Unknown, "lost status"), error.Status);
        Assert.Equal("this", error.Trailers.GetValue("x-only"));
    }

    [Fact]
    public async Task AsyncUnaryCall_BodyEndsWithoutTrailers_IsInternal()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "x");
        });
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_GrpcStatusInHeadersButBodyPresent_IgnoresHeaderStatus()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            context.Response.Headers["grpc-status"] = "9";
            await Wire.WriteAsync(context, "x");
        });
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task AsyncUnaryCall_OkWithoutExactlyOneMessage_IsUnimplemented(int messages)
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            Wire.BeginResponse(context);
            for (var i = 0; i < messages; i++)
            {
                await Wire.WriteAsync(context, "m");
            }

            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, call.GetStatus().Code);
    }

    [Fact]
    public async Task AsyncUnaryCall_TrailersOnlyOk_IsUnimplemented()
    {
        await using var server = await TestServer.StartAsync("Unary", context =>
        {
            Wire.BeginResponse(context);
            context.Response.Headers["grpc-status"] = "0";
            return Task.CompletedTask;
        });
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_CompressedWithUnknownEncoding_IsInternal()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            context.Response.Headers["grpc-encoding"] = "zstd";
            await Wire.WriteAsync(context, "x", gzip: true);
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Theory]
    [InlineData(0x2, StatusCode.Internal)]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0xb, StatusCode.ResourceExhausted)]
    [InlineData(0xc, StatusCode.PermissionDenied)]
    public async Task AsyncDuplexStreamingCall_ServerResetsStreamMidCall_MapsHttp2ErrorCode(int errorCode, StatusCode expected)
    {
        await using var server = await TestServer.StartAsync("Bidi", async context =>
        {
            await Wire.WriteAsync(context, "first");

            // Reset only once the client has read the message: a reset discards response data not yet read.
            Assert.Equal("reset", await Wire.ReadAsync(context));
            context.Features.GetRequiredFeature<IHttpResetFeature>().Reset(errorCode);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoService.Bidi);
        var stream = call.ResponseStream;
        Assert.True(await stream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));
        await call.RequestStream.WriteAsync(new StringValue { Value = "reset" }, CancellationToken.None).WaitAsync(TestServer.Bound);
        var error = await Assert.ThrowsAsync<RpcException>(() => stream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));

        Assert.Equal("first", stream.Current.Value);
        Assert.Equal(expected, error.StatusCode);
        Assert.Equal(expected, call.GetStatus().Code);
    }

    [Fact]
    public async Task AsyncUnaryCall_ServerAbortsBeforeHeaders_IsInternal()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            context.Abort();
        });
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }
}
