using System.Net.WebSockets;
using System.Text;
using VirtRigaud.Apiserver.ConsoleStreaming;

namespace VirtRigaud.Apiserver.Tests.ConsoleStreaming;

public sealed class ConsoleCodecTests
{
    [Theory]
    [InlineData(new string[0], "plain.virtrigaud.io", false)]
    [InlineData(new[] { "v5.channel.k8s.io", "v4.channel.k8s.io" }, "v5.channel.k8s.io", true)]
    [InlineData(new[] { "base64url.bearer.authorization.k8s.io.dG9rZW4", "v4.channel.k8s.io", "v5.channel.k8s.io" }, "v4.channel.k8s.io", true)]
    [InlineData(new[] { "plain.virtrigaud.io" }, "plain.virtrigaud.io", true)]
    public void Negotiate_ClientOffers_FirstSpokenOfferWins(string[] offered, string expected, bool echoed)
    {
        var protocol = ConsoleSubprotocol.Negotiate(offered, out var echoName);

        Assert.Equal(expected, protocol?.Name);
        Assert.Equal(echoed, echoName);
    }

    [Fact]
    public void Negotiate_OnlyUnknownOffers_IsNull()
    {
        Assert.Null(ConsoleSubprotocol.Negotiate(["v6.channel.k8s.io", "tty"], out _));
    }

    [Fact]
    public void DecodeInput_ChannelStreams_MapToDataResizeCloseAndIgnore()
    {
        var v5 = ConsoleSubprotocol.V5Channel;

        var data = ConsoleCodec.DecodeInput(v5, (byte[])[0, .. "ls\r"u8], WebSocketMessageType.Binary);
        var resize = ConsoleCodec.DecodeInput(v5, (byte[])[4, .. """{"width":80,"HEIGHT":24,"extra":[1]}"""u8], WebSocketMessageType.Binary);
        var close = ConsoleCodec.DecodeInput(v5, (byte[])[255, 0], WebSocketMessageType.Binary);
        var closeStdout = ConsoleCodec.DecodeInput(v5, (byte[])[255, 1], WebSocketMessageType.Binary);
        var stdout = ConsoleCodec.DecodeInput(v5, (byte[])[1, 65], WebSocketMessageType.Binary);
        var empty = ConsoleCodec.DecodeInput(v5, (byte[])[0], WebSocketMessageType.Binary);

        Assert.Equal((ConsoleClientInputKind.Data, "ls\r"), (data.Kind, Encoding.UTF8.GetString(data.Data.Span)));
        Assert.Equal((ConsoleClientInputKind.Resize, 80u, 24u), (resize.Kind, resize.Columns, resize.Rows));
        Assert.Equal(ConsoleClientInputKind.CloseInput, close.Kind);
        Assert.Equal(ConsoleClientInputKind.Ignore, closeStdout.Kind);
        Assert.Equal(ConsoleClientInputKind.Ignore, stdout.Kind);
        Assert.Equal(ConsoleClientInputKind.Ignore, empty.Kind);
    }

    [Fact]
    public void DecodeInput_CloseSignalBeforeV5_IsIgnored()
    {
        Assert.Equal(ConsoleClientInputKind.Ignore, ConsoleCodec.DecodeInput(ConsoleSubprotocol.V4Channel, (byte[])[255, 0], WebSocketMessageType.Binary).Kind);
    }

    [Theory]
    [InlineData("""{"Width":80}""", "a resize message needs Width and Height")]
    [InlineData("""{"Width":-1,"Height":2}""", "resize Width must be a number from 0 to 65535")]
    [InlineData("""{"Width":70000,"Height":2}""", "resize Width must be a number from 0 to 65535")]
    [InlineData("""[80,24]""", "a resize message must be a JSON object {\"Width\":…,\"Height\":…}")]
    [InlineData("""{"Width":""", "a resize message must be a JSON object {\"Width\":…,\"Height\":…}")]
    public void DecodeInput_BadResize_IsInvalid(string json, string problem)
    {
        var input = ConsoleCodec.DecodeInput(ConsoleSubprotocol.Channel, (byte[])[4, .. Encoding.UTF8.GetBytes(json)], WebSocketMessageType.Binary);

        Assert.Equal((ConsoleClientInputKind.Invalid, problem), (input.Kind, input.Problem));
    }

    [Fact]
    public void DecodeInput_Base64Channel_DecodesTextMessages()
    {
        var message = Encoding.ASCII.GetBytes("0" + Convert.ToBase64String("é\r"u8.ToArray()));
        var data = ConsoleCodec.DecodeInput(ConsoleSubprotocol.Base64Channel, message, WebSocketMessageType.Text);
        var binary = ConsoleCodec.DecodeInput(ConsoleSubprotocol.Base64Channel, "0aGk="u8.ToArray(), WebSocketMessageType.Binary);
        var garbage = ConsoleCodec.DecodeInput(ConsoleSubprotocol.V4Base64Channel, "0***"u8.ToArray(), WebSocketMessageType.Text);

        Assert.Equal("é\r", Encoding.UTF8.GetString(data.Data.Span));
        Assert.Equal(ConsoleClientInputKind.Invalid, binary.Kind);
        Assert.Equal((ConsoleClientInputKind.Invalid, "a base64 channel message is not valid base64"), (garbage.Kind, garbage.Problem));
    }

    [Fact]
    public void DecodeInput_Plain_EveryMessageIsData()
    {
        var text = ConsoleCodec.DecodeInput(ConsoleSubprotocol.Plain, "\u0004"u8.ToArray(), WebSocketMessageType.Text);

        Assert.Equal((ConsoleClientInputKind.Data, (byte)4), (text.Kind, text.Data.Span[0]));
    }

    [Fact]
    public void Encode_OutputOpenedAndEnd_FollowTheSubprotocol()
    {
        var (binary, binaryType) = ConsoleCodec.EncodeOutput(ConsoleSubprotocol.V5Channel, "hi"u8);
        var (base64, base64Type) = ConsoleCodec.EncodeOutput(ConsoleSubprotocol.V4Base64Channel, "hi"u8);
        var (plain, plainType) = ConsoleCodec.EncodeOutput(ConsoleSubprotocol.Plain, "hi"u8);
        var status = "{\"status\":\"Success\"}"u8.ToArray();

        Assert.Equal((byte[])[1, (byte)'h', (byte)'i'], binary);
        Assert.Equal(WebSocketMessageType.Binary, binaryType);
        Assert.Equal(("1aGk=", WebSocketMessageType.Text), (Encoding.ASCII.GetString(base64), base64Type));
        Assert.Equal(("hi", WebSocketMessageType.Binary), (Encoding.ASCII.GetString(plain), plainType));
        Assert.Equal((byte[])[1], ConsoleCodec.EncodeOpened(ConsoleSubprotocol.V4Channel)!.Value.Message);
        Assert.Equal("1", Encoding.ASCII.GetString(ConsoleCodec.EncodeOpened(ConsoleSubprotocol.Base64Channel)!.Value.Message));
        Assert.Null(ConsoleCodec.EncodeOpened(ConsoleSubprotocol.Plain));
        Assert.Equal((byte[])[3, .. status], ConsoleCodec.EncodeEnd(ConsoleSubprotocol.V5Channel, status, "", success: true)!.Value.Message);
        Assert.Null(ConsoleCodec.EncodeEnd(ConsoleSubprotocol.Channel, status, "", success: true));
        Assert.Equal((byte[])[3, .. "gone"u8], ConsoleCodec.EncodeEnd(ConsoleSubprotocol.Channel, status, "gone", success: false)!.Value.Message);
        Assert.Null(ConsoleCodec.EncodeEnd(ConsoleSubprotocol.Plain, status, "gone", success: false));
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(123, 123)]
    [InlineData(200, 123)]
    public void Truncate_CloseReasons_FitAFrame(int length, int expectedBytes)
    {
        var reason = ConsoleEnd.Truncate(new string('é', length / 2) + new string('x', length % 2));

        Assert.True(Encoding.UTF8.GetByteCount(reason) <= ConsoleEnd.MaxReasonBytes);
        Assert.True(Encoding.UTF8.GetByteCount(reason) >= expectedBytes - 3, reason);
        Assert.Equal(length > ConsoleEnd.MaxReasonBytes, reason.EndsWith("...", StringComparison.Ordinal));
    }
}
