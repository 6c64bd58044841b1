using System.Text.Json.Nodes;
using Google.Protobuf;

namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// Decodes Kubernetes' protobuf wire form (<c>application/vnd.kubernetes.protobuf</c>) of a built-in object into JSON,
/// driven by the protobuf field numbers of its <see cref="GoType"/> description. kubectl's typed commands (<c>kubectl
/// create secret</c>, <c>kubectl create configmap</c>, <c>kubectl create namespace</c>) send their bodies this way.
/// The envelope is kube's: the four bytes <c>k8s\0</c>, then a <c>runtime.Unknown</c> (typeMeta = 1 {apiVersion = 1,
/// kind = 2}, raw = 2: the object's message). Times are <c>{seconds = 1, nanos = 2}</c> messages (empty = zero), maps
/// repeated <c>{key = 1, value = 2}</c> entries, bytes become base64. Fields the description does not number are
/// skipped, as unknown fields are. The result is plain JSON for the normal decode path (<see cref="GoJson"/>).
/// Pure; thread-safe.
/// </summary>
internal static class GoProtobuf
{
    /// <summary>The media type of Kubernetes' protobuf encoding.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = [(byte)'k', (byte)'8', (byte)'s', 0];

    /// <summary>The JSON form of an enveloped object of <paramref name="type"/>.</summary>
    /// <exception cref="GoDecodeException">The bytes are not such an object.</exception>
    public static JsonObject Decode(byte[] body, GoStructType type)
    {
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new GoDecodeException("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }

        try
        {
            string? apiVersion = null, kind = null;
            ByteString raw = ByteString.Empty;
            var input = new CodedInputStream(body, Magic.Length, body.Length - Magic.Length);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1:
                        var typeMeta = new CodedInputStream(input.ReadBytes().ToByteArray());
                        uint inner;
                        while ((inner = typeMeta.ReadTag()) != 0)
                        {
                            switch (WireFormat.GetTagFieldNumber(inner))
                            {
                                case 1:
                                    apiVersion = typeMeta.ReadString();
                                    break;
                                case 2:
                                    kind = typeMeta.ReadString();
                                    break;
                                default:
                                    typeMeta.SkipLastField();
                                    break;
                            }
                        }

                        break;
                    case 2:
                        raw = input.ReadBytes();
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }

            var obj = new JsonObject();
            if (apiVersion is { Length: > 0 })
            {
                obj["apiVersion"] = apiVersion;
            }

            if (kind is { Length: > 0 })
            {
                obj["kind"] = kind;
            }

            foreach (var (key, value) in Message(raw.ToByteArray(), type).ToList())
            {
                obj[key] = value?.DeepClone();
            }

            return obj;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new GoDecodeException("protobuf: " + e.Message);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new GoDecodeException("protobuf: managed fields are not JSON: " + e.Message);
        }
    }

    private static JsonObject Message(byte[] data, GoStructType type)
    {
        var obj = new JsonObject();
        var input = new CodedInputStream(data);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var field = type.Fields.FirstOrDefault(f => f.Proto == number);
            if (field is null)
            {
                input.SkipLastField();
                continue;
            }

            switch (field.Type)
            {
                case GoSliceType slice:
                    if (obj[field.Name] is not JsonArray list)
                    {
                        list = [];
                        obj[field.Name] = list;
                    }

                    list.Add(Single(input, slice.Element));
                    break;
                case GoMapType map:
                    if (obj[field.Name] is not JsonObject entries)
                    {
                        entries = [];
                        obj[field.Name] = entries;
                    }

                    var entry = new CodedInputStream(input.ReadBytes().ToByteArray());
                    string key = "";
                    JsonNode? value = null;
                    uint entryTag;
                    while ((entryTag = entry.ReadTag()) != 0)
                    {
                        switch (WireFormat.GetTagFieldNumber(entryTag))
                        {
                            case 1:
                                key = entry.ReadString();
                                break;
                            case 2:
                                value = Single(entry, map.Value);
                                break;
                            default:
                                entry.SkipLastField();
                                break;
                        }
                    }

                    entries[key] = value ?? Zero(map.Value);
                    break;
                default:
                    obj[field.Name] = Single(input, field.Type);
                    break;
            }
        }

        return obj;
    }

    /// <summary>One value of <paramref name="type"/> at the stream's current field.</summary>
    private static JsonNode? Single(CodedInputStream input, GoType type) => type switch
    {
        GoScalarType { Kind: GoScalarKind.String } => input.ReadString(),
        GoScalarType { Kind: GoScalarKind.Bool } => input.ReadBool(),
        GoScalarType { Kind: GoScalarKind.Int32 } => input.ReadInt32(),
        GoScalarType { Kind: GoScalarKind.Int64 } => input.ReadInt64(),
        GoScalarType { Kind: GoScalarKind.Bytes } => input.ReadBytes().ToBase64(),
        GoScalarType { Kind: GoScalarKind.Time } => Time(input.ReadBytes().ToByteArray(), micro: false),
        GoScalarType { Kind: GoScalarKind.MicroTime } => Time(input.ReadBytes().ToByteArray(), micro: true),
        GoStructType s => Message(input.ReadBytes().ToByteArray(), s),
        GoObjectMetaType => Message(input.ReadBytes().ToByteArray(), ObjectMetaProto.ObjectMeta),
        GoRawJsonType => RawJson(input.ReadBytes().ToByteArray()),
        _ => throw new GoDecodeException($"protobuf: cannot decode a {type.GoName} field"),
    };

    private static JsonNode? Zero(GoType type) => type switch
    {
        GoScalarType { Kind: GoScalarKind.String or GoScalarKind.Bytes } => "",
        _ => null,
    };

    /// <summary>A <c>{seconds, nanos}</c> message as JSON time text; an empty message is the zero time (null).</summary>
    private static JsonNode? Time(byte[] data, bool micro)
    {
        if (data.Length == 0)
        {
            return null;
        }

        long seconds = 0;
        var nanos = 0;
        var input = new CodedInputStream(data);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    seconds = input.ReadInt64();
                    break;
                case 2:
                    nanos = input.ReadInt32();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        return GoTime.Format(time, micro);
    }

    /// <summary>FieldsV1: field 1 holds JSON bytes.</summary>
    private static JsonNode? RawJson(byte[] data)
    {
        var input = new CodedInputStream(data);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                var raw = input.ReadBytes().ToByteArray();
                return raw.Length == 0 ? null : JsonNode.Parse(raw);
            }

            input.SkipLastField();
        }

        return null;
    }
}
