using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Mock.Faults;

/// <summary>Source-generated JSON for the fault document: hand-edited, so comments and trailing commas are allowed and unknown keys refused.</summary>
[JsonSourceGenerationOptions(
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MockFaultConfiguration))]
internal sealed partial class FaultJsonContext : JsonSerializerContext;
