using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Client.Authentication;

/// <summary>The source-generated JSON contract of ExecCredential.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(Rfc3339TimeConverter)])]
[JsonSerializable(typeof(ExecCredential))]
internal sealed partial class ExecCredentialJsonContext : JsonSerializerContext;
