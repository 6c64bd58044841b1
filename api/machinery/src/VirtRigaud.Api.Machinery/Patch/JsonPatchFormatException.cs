namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>
/// A JSON patch document that is not a valid RFC 6902 patch (<see cref="JsonPatchErrorKind.InvalidDocument"/>, 400)
/// or has too many operations (<see cref="JsonPatchErrorKind.TooManyOperations"/>, 413). Nothing was applied.
/// </summary>
public sealed class JsonPatchFormatException : JsonPatchException
{
    internal JsonPatchFormatException(JsonPatchErrorKind kind, string message, int? operationIndex = null, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        OperationIndex = operationIndex;
    }

    /// <summary>The zero-based index of the offending operation, or <c>null</c> when the document as a whole is at fault.</summary>
    public int? OperationIndex { get; }
}
