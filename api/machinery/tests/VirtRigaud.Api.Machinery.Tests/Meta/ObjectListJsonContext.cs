using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>
/// A source-generated context for <see cref="ObjectList{T}"/>, which MachineryJsonContext does not list (each API
/// group's context lists its own lists), with the same options.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(Rfc3339TimeConverter)])]
[JsonSerializable(typeof(ObjectList<PartialObjectMetadata>))]
internal sealed partial class ObjectListJsonContext : JsonSerializerContext;
