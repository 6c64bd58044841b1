using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Client.Rest;

/// <summary>
/// Decodes a watch response body — a stream of JSON <c>WatchEvent</c> objects, newline-separated as kube-apiserver
/// writes them, though any whitespace (or none) between objects is accepted, as client-go's streaming decoder does —
/// into typed events as bytes arrive. An <c>ERROR</c> event is thrown as a <see cref="KubernetesApiException"/>
/// carrying its Status. <c>BOOKMARK</c> objects are decoded leniently (they carry only <c>metadata</c>, so required
/// members such as <c>spec</c> may be null in them). The sequence ends when the stream ends between events; a stream
/// cut inside an event throws <see cref="IOException"/>.
/// </summary>
internal static class WatchStreamReader
{
    /// <summary>Initial read buffer; it grows to hold the largest single event.</summary>
    private const int InitialBufferSize = 16 * 1024;

    /// <summary>An event larger than this is refused (kube-apiserver objects are limited to ~1.5 MiB by etcd).</summary>
    private const int MaxEventSize = 64 * 1024 * 1024;

    private static readonly ConditionalWeakTable<JsonTypeInfo, JsonTypeInfo> Lenient = [];

    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                while (TryDecode(buffer.AsSpan(start, end - start), typeInfo, out var consumed, out var decoded))
                {
                    start += consumed;
                    if (decoded.Error is not null)
                    {
                        throw new KubernetesApiException(decoded.Error);
                    }

                    yield return decoded.Event!;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    if (buffer.Length >= MaxEventSize)
                    {
                        throw new InvalidDataException($"a watch event is larger than {MaxEventSize} bytes");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (buffer.AsSpan(0, end).Trim(" \t\r\n"u8).Length != 0)
                    {
                        throw new IOException("the watch stream ended inside an event");
                    }

                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes the first complete event in <paramref name="data"/>; false when more bytes are needed.</summary>
    internal static bool TryDecode<T>(ReadOnlySpan<byte> data, JsonTypeInfo<T> typeInfo, out int consumed, out Decoded<T> decoded)
    {
        consumed = 0;
        decoded = default;
        var reader = new Utf8JsonReader(data, isFinalBlock: false, state: default);
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException($"a watch event must be a JSON object, got {reader.TokenType}");
        }

        var eventStart = (int)reader.TokenStartIndex;
        if (!reader.TrySkip())
        {
            return false;
        }

        consumed = (int)reader.BytesConsumed;
        decoded = DecodeEvent(data[eventStart..consumed], typeInfo);
        return true;
    }

    private static Decoded<T> DecodeEvent<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        string? type = null;
        var objectStart = -1;
        var objectEnd = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                objectStart = (int)reader.TokenStartIndex;
                reader.Skip();
                objectEnd = (int)reader.BytesConsumed;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (type is null || objectStart < 0)
        {
            throw new InvalidDataException("a watch event needs a type and an object");
        }

        var obj = json[objectStart..objectEnd];
        switch (type)
        {
            case WatchEventType.Error:
                var status = JsonSerializer.Deserialize(obj, MachineryJsonContext.Default.Status)
                    ?? throw new InvalidDataException("an ERROR watch event without a Status");
                return new Decoded<T>(null, status.Code is null ? status with { Code = 500 } : status);
            case WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted:
                return new Decoded<T>(new WatchEvent<T> { Type = type, Object = Deserialize(obj, typeInfo) }, null);
            case WatchEventType.Bookmark:
                return new Decoded<T>(new WatchEvent<T> { Type = type, Object = Deserialize(obj, LenientTypeInfo(typeInfo)) }, null);
            default:
                throw new InvalidDataException($"got invalid watch event type: {type}");
        }
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(json, typeInfo) ?? throw new InvalidDataException("a watch event with a null object");

    // The same contract with no member required: a bookmark has metadata only.
    private static JsonTypeInfo<T> LenientTypeInfo<T>(JsonTypeInfo<T> typeInfo) =>
        (JsonTypeInfo<T>)Lenient.GetValue(typeInfo, static t =>
        {
            var resolver = (t.Options.TypeInfoResolver ?? throw new InvalidOperationException("the JSON contract has no resolver"))
                .WithAddedModifier(static info =>
                {
                    foreach (var property in info.Properties)
                    {
                        property.IsRequired = false;
                    }
                });
            return new JsonSerializerOptions(t.Options) { TypeInfoResolver = resolver }.GetTypeInfo(t.Type);
        });

    /// <summary>An event or the Status of an ERROR event.</summary>
    internal readonly record struct Decoded<T>(WatchEvent<T>? Event, Status? Error);
}
