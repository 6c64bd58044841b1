using System.Text.Json.Serialization;

namespace VirtRigaud.Controllers.Adoption;

/// <summary>Source-generated JSON for the adoption filter annotation.</summary>
[JsonSerializable(typeof(AdoptionFilter))]
internal sealed partial class AdoptionJsonContext : JsonSerializerContext;
