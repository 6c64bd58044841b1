using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Http;

/// <summary>A decoded request body: the object and the paths of keys it repeated (for <c>fieldValidation</c>).</summary>
internal sealed record DecodedBody(JsonObject Object, IReadOnlyList<string> DuplicateFields);
