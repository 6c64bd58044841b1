namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>A path or query parameter of an operation, rendered by both OpenAPI versions.</summary>
/// <param name="Name">The parameter name, e.g. <c>fieldValidation</c>.</param>
/// <param name="In"><c>path</c> or <c>query</c>.</param>
/// <param name="Type">The JSON type: <c>string</c>, <c>integer</c> or <c>boolean</c>.</param>
/// <param name="Description">What the parameter does.</param>
/// <param name="Required">Path parameters are required.</param>
internal sealed record OpenApiParameter(string Name, string In, string Type, string Description, bool Required = false)
{
    /// <summary>kube-apiserver marks every parameter <c>uniqueItems</c>; clients ignore it, but it keeps documents alike.</summary>
    public bool UniqueItems => true;
}
