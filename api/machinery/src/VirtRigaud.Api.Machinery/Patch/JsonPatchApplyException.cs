namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>
/// A valid JSON patch with an operation that does not apply to the document (Kubernetes answers 422): see
/// <see cref="JsonPatchException.Kind"/>. Because patches apply atomically, the document was not changed.
/// </summary>
public sealed class JsonPatchApplyException : JsonPatchException
{
    internal JsonPatchApplyException(JsonPatchErrorKind kind, string message, int operationIndex, JsonPatchOperation operation)
        : base(kind, message, null)
    {
        OperationIndex = operationIndex;
        Operation = operation;
    }

    /// <summary>The zero-based index of the operation that failed.</summary>
    public int OperationIndex { get; }

    /// <summary>The operation that failed.</summary>
    public JsonPatchOperation Operation { get; }
}
