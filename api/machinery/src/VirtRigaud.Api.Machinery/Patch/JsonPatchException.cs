namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>
/// A JSON patch that was refused. Catch this at the HTTP edge and map <see cref="Kind"/> to a status; the two
/// subclasses separate a malformed request (<see cref="JsonPatchFormatException"/>) from a well-formed patch that
/// does not fit the document (<see cref="JsonPatchApplyException"/>).
/// </summary>
public abstract class JsonPatchException : Exception
{
    private protected JsonPatchException(JsonPatchErrorKind kind, string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Why the patch was refused.</summary>
    public JsonPatchErrorKind Kind { get; }
}
