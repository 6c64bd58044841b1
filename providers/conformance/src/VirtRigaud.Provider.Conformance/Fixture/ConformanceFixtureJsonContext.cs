using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Conformance;

/// <summary>The source-generated serializer of <see cref="ConformanceFixture"/> (inputs.json): camelCase, unknown keys rejected.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true)]
[JsonSerializable(typeof(ConformanceFixture))]
internal sealed partial class ConformanceFixtureJsonContext : JsonSerializerContext;
