using System.Buffers;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>
/// Turns WebSocket messages into console input and console output into WebSocket messages, per
/// <see cref="ConsoleSubprotocol"/> (the stream table is in its remarks). Pure functions; thread-safe.
/// </summary>
public static class ConsoleCodec
{
    /// <summary>Client → server: bytes typed into the console.</summary>
    public const byte StdinStream = 0;

    /// <summary>Server → client: console output.</summary>
    public const byte StdoutStream = 1;

    /// <summary>Server → client: why the session ended (a metav1 Status in v4+, text before).</summary>
    public const byte ErrorStream = 3;

    /// <summary>Client → server: terminal size, <c>{"Width":cols,"Height":rows}</c> (client-go's TerminalSize).</summary>
    public const byte ResizeStream = 4;

    /// <summary>Client → server (v5): close the stream named by the next byte.</summary>
    public const byte CloseStream = 255;

    /// <summary>Decodes one complete client message. Pure.</summary>
    public static ConsoleClientInput DecodeInput(ConsoleSubprotocol protocol, ReadOnlyMemory<byte> message, WebSocketMessageType type)
    {
        if (message.IsEmpty)
        {
            return new ConsoleClientInput(ConsoleClientInputKind.Ignore);
        }

        switch (protocol.Framing)
        {
            case ConsoleFraming.Plain:
                // Browsers send keystrokes as text, websocat as text or binary: both are console bytes.
                return new ConsoleClientInput(ConsoleClientInputKind.Data, message);
            case ConsoleFraming.Base64Channel:
                if (type != WebSocketMessageType.Text || message.Span[0] is < (byte)'0' or > (byte)'9')
                {
                    return Invalid("a base64 channel message must be text starting with a stream digit");
                }

                var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(message.Length - 1)];
                if (Base64.DecodeFromUtf8(message.Span[1..], decoded, out _, out var written) != OperationStatus.Done)
                {
                    return Invalid("a base64 channel message is not valid base64");
                }

                return Channel(protocol, (byte)(message.Span[0] - '0'), decoded.AsMemory(0, written));
            default:
                return Channel(protocol, message.Span[0], message[1..]);
        }
    }

    /// <summary>Encodes console output (stdout) as one message. Pure.</summary>
    public static (byte[] Message, WebSocketMessageType Type) EncodeOutput(ConsoleSubprotocol protocol, ReadOnlySpan<byte> data) =>
        Encode(protocol, StdoutStream, data);

    /// <summary>
    /// The message that tells a channel client its streams are open: an empty message on stdout, as kube-apiserver sends
    /// when an exec or attach starts. Null for the plain subprotocol, which has no streams.
    /// </summary>
    public static (byte[] Message, WebSocketMessageType Type)? EncodeOpened(ConsoleSubprotocol protocol) =>
        protocol.Framing == ConsoleFraming.Plain ? null : Encode(protocol, StdoutStream, []);

    /// <summary>
    /// The error-stream message that reports how the session ended: the Status JSON (v4+) or, before v4, the Status's
    /// message and only for a failure. Null when nothing is to be sent (plain, or a v1 success). Pure.
    /// </summary>
    public static (byte[] Message, WebSocketMessageType Type)? EncodeEnd(ConsoleSubprotocol protocol, byte[] statusJson, string failureMessage, bool success)
    {
        if (protocol.Framing == ConsoleFraming.Plain)
        {
            return null;
        }

        if (protocol.StatusErrors)
        {
            return Encode(protocol, ErrorStream, statusJson);
        }

        return success ? null : Encode(protocol, ErrorStream, Encoding.UTF8.GetBytes(failureMessage));
    }

    private static (byte[] Message, WebSocketMessageType Type) Encode(ConsoleSubprotocol protocol, byte stream, ReadOnlySpan<byte> data)
    {
        if (protocol.Framing == ConsoleFraming.Plain)
        {
            return (data.ToArray(), WebSocketMessageType.Binary);
        }

        if (protocol.Framing == ConsoleFraming.Base64Channel)
        {
            var message = new byte[1 + Base64.GetMaxEncodedToUtf8Length(data.Length)];
            message[0] = (byte)('0' + stream);
            Base64.EncodeToUtf8(data, message.AsSpan(1), out _, out var written);
            return (message[..(1 + written)], WebSocketMessageType.Text);
        }

        var binary = new byte[1 + data.Length];
        binary[0] = stream;
        data.CopyTo(binary.AsSpan(1));
        return (binary, WebSocketMessageType.Binary);
    }

    private static ConsoleClientInput Channel(ConsoleSubprotocol protocol, byte stream, ReadOnlyMemory<byte> payload) => stream switch
    {
        StdinStream => payload.IsEmpty ? new ConsoleClientInput(ConsoleClientInputKind.Ignore) : new ConsoleClientInput(ConsoleClientInputKind.Data, payload),
        ResizeStream => Resize(payload.Span),
        CloseStream when protocol.CloseSignal && payload.Length == 1 && payload.Span[0] == StdinStream => new ConsoleClientInput(ConsoleClientInputKind.CloseInput),
        _ => new ConsoleClientInput(ConsoleClientInputKind.Ignore),
    };

    /// <summary>client-go's TerminalSize (<c>Width</c>, <c>Height</c>, uint16, no JSON tags), matched case-insensitively as Go does.</summary>
    private static ConsoleClientInput Resize(ReadOnlySpan<byte> json)
    {
        uint? width = null;
        uint? height = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Invalid("a resize message must be a JSON object {\"Width\":…,\"Height\":…}");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                var isWidth = string.Equals(name, "width", StringComparison.OrdinalIgnoreCase);
                var isHeight = string.Equals(name, "height", StringComparison.OrdinalIgnoreCase);
                reader.Read();
                if (!isWidth && !isHeight)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt16(out var value))
                {
                    return Invalid($"resize {name} must be a number from 0 to 65535");
                }

                if (isWidth)
                {
                    width = value;
                }
                else
                {
                    height = value;
                }
            }
        }
        catch (JsonException)
        {
            return Invalid("a resize message must be a JSON object {\"Width\":…,\"Height\":…}");
        }

        return width is null || height is null
            ? Invalid("a resize message needs Width and Height")
            : new ConsoleClientInput(ConsoleClientInputKind.Resize, Columns: width.Value, Rows: height.Value);
    }

    private static ConsoleClientInput Invalid(string problem) => new(ConsoleClientInputKind.Invalid, Problem: problem);
}
