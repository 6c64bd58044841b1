namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>One response of an operation: code, description and the definition returned (none for 401).</summary>
internal sealed record OpenApiResponse(string Code, string Description, string? Definition);
