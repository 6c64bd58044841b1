namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>One URL template with its path-level parameters and operations.</summary>
internal sealed record OpenApiPath(string Path, IReadOnlyList<OpenApiParameter> Parameters, IReadOnlyList<OpenApiOperation> Operations);
