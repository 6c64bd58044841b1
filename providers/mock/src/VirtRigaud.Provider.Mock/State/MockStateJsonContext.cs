using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Mock.State;

/// <summary>Source-generated JSON of the state file: camelCase, enums as strings, indented for people who read it.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MockStateDocument))]
internal sealed partial class MockStateJsonContext : JsonSerializerContext;
