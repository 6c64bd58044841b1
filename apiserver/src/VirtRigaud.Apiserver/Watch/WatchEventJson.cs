using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Watch;

/// <summary>
/// The plain-JSON wire form of watch events, computed once per <see cref="ObjectEvent"/> instance and shared by every
/// watcher that sends it. The watch cache hands the same <see cref="ObjectEvent"/> instance to all watchers of a change
/// (and the same ADDED instance for an unchanged object's initial events), so a 1,000-watcher fan-out serializes each
/// change once. For the REST helper's JSON watch encoder; Table and PartialObjectMetadata forms are built per format.
/// </summary>
/// <remarks>
/// The bytes live as long as the event instance (a <see cref="ConditionalWeakTable{TKey, TValue}"/>): for the ADDED
/// event of a cached object that is as long as the object is the current state. Thread-safe.
/// </remarks>
public static class WatchEventJson
{
    private static readonly ConditionalWeakTable<ObjectEvent, byte[]> Lines = new();
    private static readonly ConditionalWeakTable<ObjectEvent, byte[]>.CreateValueCallback Create = Encode;

    /// <summary>
    /// <c>{"type":"ADDED","object":{…}}</c> followed by a newline: one complete line of a JSON watch stream.
    /// The array is shared: never modify it.
    /// </summary>
    public static byte[] Line(ObjectEvent objectEvent) => Lines.GetValue(objectEvent, Create);

    private static byte[] Encode(ObjectEvent objectEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, objectEvent.Type);
            writer.WritePropertyName("object"u8);
            objectEvent.Object.WriteTo(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
