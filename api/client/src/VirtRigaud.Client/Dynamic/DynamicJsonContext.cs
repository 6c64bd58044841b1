using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Discovery;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Client.Dynamic;

/// <summary>The source-generated JSON contract of untyped objects (<see cref="JsonObject"/>) and their lists and events.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(Rfc3339TimeConverter)])]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(ObjectList<JsonObject>))]
[JsonSerializable(typeof(WatchEvent<JsonObject>))]
[JsonSerializable(typeof(ApiResourceList))]
[JsonSerializable(typeof(ApiGroupList))]
[JsonSerializable(typeof(ApiVersions))]
internal sealed partial class DynamicJsonContext : JsonSerializerContext;
